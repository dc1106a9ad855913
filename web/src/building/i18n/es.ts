import type { BuildingMessages } from './messages.ts';

export const es: BuildingMessages = {
  pageTitle: 'Las salas de un vistazo',
  freeNow: (count) => `Disponibles ahora (${count})`,
  noBuilding: 'Otras salas',
  floor: (floor) => `Planta ${floor}`,
  noFloor: 'Planta sin indicar',
  noRooms: 'Este puente todavía no gestiona ninguna sala.',
  noneFreeNow: 'Ahora mismo no hay ninguna sala disponible.',
  mayBeOutOfDate: 'Es posible que los estados no estén actualizados.',
  freeRoomsNearby: 'Salas disponibles cercanas',
  looking: 'Buscando salas disponibles…',
  noFreeRoomNearby: 'Ahora mismo no hay ninguna otra sala disponible.',
  needsConnection: 'Para buscar una sala disponible hace falta la conexión con el puente. Vuelva a intentarlo cuando esta pantalla esté de nuevo en línea.',
  allFreeRooms: 'Todas las salas disponibles',
  shownOnItsOwnDisplay: 'Las reuniones de esta sala solo se muestran en su propia pantalla.',
  close: 'Cerrar',
};
