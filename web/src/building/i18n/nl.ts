import type { BuildingMessages } from './messages.ts';

export const nl: BuildingMessages = {
  pageTitle: 'Alle ruimtes in één oogopslag',
  freeNow: (count) => `Nu beschikbaar (${count})`,
  noBuilding: 'Overige ruimtes',
  floor: (floor) => `Verdieping ${floor}`,
  noFloor: 'Verdieping onbekend',
  noRooms: 'Deze bridge beheert nog geen ruimtes.',
  noneFreeNow: 'Er is nu geen ruimte beschikbaar.',
  mayBeOutOfDate: 'De statussen zijn mogelijk niet meer actueel.',
  freeRoomsNearby: 'Beschikbare ruimtes in de buurt',
  looking: 'Beschikbare ruimtes zoeken…',
  noFreeRoomNearby: 'Er is nu geen andere ruimte beschikbaar.',
  needsConnection: 'Voor het zoeken van een beschikbare ruimte is de verbinding met de bridge nodig. Probeer het opnieuw zodra dit scherm weer online is.',
  allFreeRooms: 'Alle beschikbare ruimtes',
  shownOnItsOwnDisplay: 'De vergaderingen van deze ruimte staan alleen op haar eigen scherm.',
  close: 'Sluiten',
};
