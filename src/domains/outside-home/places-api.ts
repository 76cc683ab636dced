/**
 * What the places part offers the rest of harm outside the home (the child's network, peer groups, the MET hub):
 * every function filters people by what the reader may see.
 */
export { incidentsForPeople, type IncidentPerson, type IncidentView } from './places-incidents.ts';
export { type PlaceOfPerson, placesForPerson, type PlaceSummary, type RepeatPlace, repeatPlaces, REPEAT_DAYS, REPEAT_MIN_CHILDREN } from './places-service.ts';
export { INCIDENT_KINDS, INFORMATION_SOURCES, PLACE_KINDS } from './places-labels.ts';
