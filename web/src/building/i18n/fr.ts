import type { BuildingMessages } from './messages.ts';

export const fr: BuildingMessages = {
  pageTitle: 'Les salles en un coup d’œil',
  freeNow: (count) => `Disponibles maintenant (${count})`,
  noBuilding: 'Autres salles',
  floor: (floor) => `Étage ${floor}`,
  noFloor: 'Étage non indiqué',
  noRooms: 'Ce pont ne gère encore aucune salle.',
  noneFreeNow: 'Aucune salle n’est disponible en ce moment.',
  mayBeOutOfDate: 'Les statuts ne sont peut-être plus à jour.',
  freeRoomsNearby: 'Salles disponibles à proximité',
  looking: 'Recherche de salles disponibles…',
  noFreeRoomNearby: 'Aucune autre salle n’est disponible en ce moment.',
  needsConnection: 'Pour trouver une salle disponible, cet écran doit être connecté au pont. Réessayez dès qu’il sera de nouveau en ligne.',
  allFreeRooms: 'Toutes les salles disponibles',
  shownOnItsOwnDisplay: 'Les réunions de cette salle ne s’affichent que sur son propre écran.',
  close: 'Fermer',
};
