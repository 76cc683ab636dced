import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { Database } from '../../db/types.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import type { IncidentKind, PlaceIncidentsTable, PlacesTable } from './tables.ts';

export type PlaceRow = Selectable<PlacesTable>;
export type IncidentRow = Selectable<PlaceIncidentsTable>;

export async function findPlace(db: Kysely<Database>, id: string): Promise<PlaceRow | undefined> {
  return db.selectFrom('places').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPlace(db: Kysely<Database>, row: Insertable<PlacesTable> & { id: string }): Promise<void> {
  await db.insertInto('places').values(row).execute();
}

export const updatePlaceAtVersion = (db: Kysely<Database>, id: string, version: number, changes: Updateable<PlacesTable>) => updateAtVersion(db, 'places', id, version, changes);

export interface PlaceSearch {
  name: string | null;
  kind: string | null;
  locality: string | null;
  includeClosed: boolean;
}

/** Places matching the search, by name, with how many incidents each has had (all time) and the latest. */
export async function searchPlaces(db: Kysely<Database>, search: PlaceSearch, limit: number) {
  let query = db
    .selectFrom('places as p')
    .leftJoin('place_incidents as i', 'i.place_id', 'p.id')
    .select(['p.id', 'p.name', 'p.kind', 'p.locality', 'p.postcode', 'p.closed_on'])
    .select((eb) => [eb.fn.count<string>('i.id').as('incidents'), eb.fn.max('i.occurred_at').as('last_at')])
    .groupBy(['p.id', 'p.name', 'p.kind', 'p.locality', 'p.postcode', 'p.closed_on']);
  if (search.name) query = query.where(sql<boolean>`lower(p.name) LIKE ${`%${escapeLike(search.name.toLowerCase())}%`} ESCAPE '\\'`);
  if (search.kind) query = query.where('p.kind', '=', search.kind as PlaceRow['kind']);
  if (search.locality) query = query.where('p.locality', '=', search.locality);
  if (!search.includeClosed) query = query.where('p.closed_on', 'is', null);
  const rows = await query.orderBy(sql`lower(p.name)`).orderBy('p.id').limit(limit).execute();
  return rows.map((r) => ({ ...r, incidents: Number(r.incidents), last_at: r.last_at ? new Date(r.last_at) : null }));
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Open places, by name, for a choice of place (the missing return step). */
export async function openPlaces(db: Kysely<Database>) {
  return db.selectFrom('places').select(['id', 'name', 'kind', 'locality']).where('closed_on', 'is', null).orderBy(sql`lower(name)`).execute();
}

export async function insertIncident(db: Kysely<Database>, row: Insertable<PlaceIncidentsTable> & { id: string }, personIds: readonly string[]): Promise<void> {
  await db.insertInto('place_incidents').values(row).execute();
  if (personIds.length) await db.insertInto('place_incident_people').values(personIds.map((person_id) => ({ incident_id: row.id, person_id }))).execute();
}

/** The incident a missing episode's return recorded, if any (an episode is found at one place at most). */
export async function incidentOfEpisode(db: Kysely<Database>, episodeId: string) {
  return db.selectFrom('place_incidents').select(['id', 'place_id']).where('missing_episode_id', '=', episodeId).executeTakeFirst();
}

const incidentColumns = ['i.id', 'i.place_id', 'i.kind', 'i.occurred_at', 'i.source', 'i.summary', 'i.missing_episode_id', 'i.screening_id', 'i.created_by', 'i.created_at'] as const;

/** A place's incidents in a period (either end open), newest first, with who recorded each. */
export async function incidentsAtPlace(db: Kysely<Database>, placeId: string, period: { from: Date | null; before: Date | null }, limit: number) {
  let query = db
    .selectFrom('place_incidents as i')
    .leftJoin('users as u', 'u.id', 'i.created_by')
    .select(incidentColumns)
    .select('u.name as recorded_by')
    .where('i.place_id', '=', placeId);
  if (period.from) query = query.where('i.occurred_at', '>=', period.from);
  if (period.before) query = query.where('i.occurred_at', '<', period.before);
  return query.orderBy('i.occurred_at', 'desc').orderBy('i.id').limit(limit).execute();
}

/** The incidents any of these people were involved in, since a moment (or ever), newest first, with their place. */
export async function incidentsOfPeople(db: Kysely<Database>, personIds: readonly string[], since: Date | null) {
  if (!personIds.length) return [];
  let query = db
    .selectFrom('place_incidents as i')
    .leftJoin('places as p', 'p.id', 'i.place_id')
    .select(incidentColumns)
    .select(['p.name as place_name', 'p.kind as place_kind', 'p.locality as place_locality', 'p.closed_on as place_closed_on'])
    .where('i.id', 'in', (eb) => eb.selectFrom('place_incident_people').select('incident_id').where('person_id', 'in', [...personIds]));
  if (since) query = query.where('i.occurred_at', '>=', since);
  return query.orderBy('i.occurred_at', 'desc').orderBy('i.id').execute();
}

/** Everyone involved in these incidents, with their name and whether they are a child or an adult. */
export async function peopleOfIncidents(db: Kysely<Database>, incidentIds: readonly string[]) {
  if (!incidentIds.length) return [];
  return db
    .selectFrom('place_incident_people as ip')
    .innerJoin('people as p', 'p.id', 'ip.person_id')
    .select(['ip.incident_id', 'ip.person_id', 'p.given_name', 'p.family_name', 'p.person_type', 'p.date_of_birth'])
    .where('ip.incident_id', 'in', [...incidentIds])
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .execute();
}

/** The places one person was linked to, each with the person's incidents there: how many, kinds, first and last. */
export async function placesOfPerson(db: Kysely<Database>, personId: string) {
  const rows = await db
    .selectFrom('place_incident_people as ip')
    .innerJoin('place_incidents as i', 'i.id', 'ip.incident_id')
    .innerJoin('places as p', 'p.id', 'i.place_id')
    .select(['p.id', 'p.name', 'p.kind', 'p.locality', 'p.closed_on'])
    .select((eb) => [
      eb.fn.count<string>('i.id').as('incidents'),
      eb.fn.min('i.occurred_at').as('first_at'),
      eb.fn.max('i.occurred_at').as('last_at'),
      sql<string[]>`array_agg(DISTINCT i.kind ORDER BY i.kind)`.as('kinds'),
    ])
    .where('ip.person_id', '=', personId)
    .groupBy(['p.id', 'p.name', 'p.kind', 'p.locality', 'p.closed_on'])
    .orderBy(sql`max(i.occurred_at)`, 'desc')
    .execute();
  return rows.map((r) => ({ ...r, incidents: Number(r.incidents), first_at: new Date(r.first_at as Date), last_at: new Date(r.last_at as Date), kinds: r.kinds as IncidentKind[] }));
}

/**
 * Children linked to places since a moment, for the places where at least `minChildren` distinct children were
 * linked: one row per place, child and incident, so the caller can count only the children its reader may see.
 */
export async function childLinksAtBusyPlaces(db: Kysely<Database>, since: Date, minChildren: number) {
  const busy = db
    .selectFrom('place_incidents as i')
    .innerJoin('place_incident_people as ip', 'ip.incident_id', 'i.id')
    .innerJoin('people as c', 'c.id', 'ip.person_id')
    .select('i.place_id')
    .where('c.person_type', '=', 'child')
    .where('i.occurred_at', '>=', since)
    .where('i.place_id', 'is not', null)
    .groupBy('i.place_id')
    .having(sql<number>`count(DISTINCT ip.person_id)`, '>=', minChildren);
  return db
    .selectFrom('place_incidents as i')
    .innerJoin('place_incident_people as ip', 'ip.incident_id', 'i.id')
    .innerJoin('people as c', 'c.id', 'ip.person_id')
    .innerJoin('places as p', 'p.id', 'i.place_id')
    .select(['p.id as place_id', 'p.name', 'p.kind', 'p.locality', 'p.closed_on', 'i.id as incident_id', 'i.kind as incident_kind', 'i.occurred_at', 'ip.person_id'])
    .where('c.person_type', '=', 'child')
    .where('i.occurred_at', '>=', since)
    .where('i.place_id', 'in', busy)
    .execute();
}

