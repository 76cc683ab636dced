import { uuidv7 } from 'uuidv7';
import { authorise, type RequestContext, viewablePeople } from '../../platform/access/authorise.ts';
import { startOfUkDay } from '../../platform/calendar/uk-days.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { ConflictError, FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { localityForPostcode } from '../people/localities.ts';
import { PLACE_RECORD } from './places-labels.ts';
import * as repo from './places-repository.ts';
import type { PlaceEditInput, PlaceInput, PlaceSearchInput } from './places-schema.ts';
import type { IncidentKind, PlaceKind } from './tables.ts';

/** A place as other parts of the service show it: enough to name it and link to it. */
export interface PlaceSummary {
  id: string;
  name: string;
  kind: PlaceKind;
  locality: string | null;
  closedOn: string | null;
}

const summaryOf = (p: { id: string; name: string; kind: PlaceKind; locality: string | null; closed_on: string | null }): PlaceSummary => ({
  id: p.id, name: p.name, kind: p.kind, locality: p.locality, closedOn: p.closed_on,
});

/** The list shows at most this many places; a search narrows it. */
export const PLACE_LIST_LIMIT = 200;
/** "Repeat incidents": several distinct children linked to a place in this many days. */
export const REPEAT_DAYS = 90;
export const REPEAT_MIN_CHILDREN = 2;

/** A place for a page or form; closed places are still shown (their history stays). */
export async function placeFor(ctx: RequestContext, id: string, action: 'outside.view' | 'outside.record' = 'outside.view'): Promise<repo.PlaceRow> {
  authorise(ctx, action);
  const place = await repo.findPlace(ctx.db, id);
  if (!place) throw new NotFoundError();
  return place;
}

export async function searchPlaces(ctx: RequestContext, search: PlaceSearchInput) {
  authorise(ctx, 'outside.view');
  const rows = await repo.searchPlaces(ctx.db, { name: search.name, kind: search.kind, locality: search.locality, includeClosed: search.closed === 'yes' }, PLACE_LIST_LIMIT + 1);
  return { places: rows.slice(0, PLACE_LIST_LIMIT), more: rows.length > PLACE_LIST_LIMIT };
}

/** The locality typed, or the one the postcode lies in (none for a postcode outside the area). */
function localityOf(input: PlaceInput): string | null {
  if (input.locality) return input.locality;
  if (!input.postcode) return null;
  const found = localityForPostcode(input.postcode);
  return found === 'out_of_area' ? null : found;
}

/** Records a place of concern. A repeated submission (same key) is one place. */
export async function createPlace(ctx: RequestContext, input: PlaceInput & { idempotencyKey: string }): Promise<{ id: string; replayed: boolean }> {
  authorise(ctx, 'outside.record');
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: PLACE_RECORD };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return { id: earlier, replayed: true };
  const id = uuidv7();
  return once(ctx.db, { ...claim, resourceId: id }, (trx) =>
    repo.insertPlace(trx, { id, name: input.name, kind: input.kind, locality: localityOf(input), postcode: input.postcode, description: input.description, created_by: ctx.actor.id }),
  );
}

/** Changes a place at the version read (or closes it: a place is never deleted, its incidents stay). */
export async function editPlace(ctx: RequestContext, id: string, input: PlaceEditInput): Promise<void> {
  const place = await placeFor(ctx, id, 'outside.record');
  if (input.closedOn && input.closedOn > ukToday()) throw new FieldProblem('closedOn', 'The date it closed must be today or in the past');
  const stale = () => new ConflictError('Someone else changed this place while you were editing it. Nothing you entered has been saved.', summaryOf(place));
  if (place.version !== input.version) throw stale();
  const saved = await repo.updatePlaceAtVersion(ctx.db, id, input.version, {
    name: input.name, kind: input.kind, locality: localityOf(input), postcode: input.postcode, description: input.description, closed_on: input.closedOn,
  });
  if (!saved) throw stale();
}

/** Open places for a choice of place, by name. */
export async function placeChoices(ctx: RequestContext): Promise<PlaceSummary[]> {
  authorise(ctx, 'outside.view');
  return (await repo.openPlaces(ctx.db)).map((p) => summaryOf({ ...p, closed_on: null }));
}

export interface PlaceOfPerson {
  place: PlaceSummary;
  incidents: number;
  kinds: IncidentKind[];
  firstAt: Date;
  lastAt: Date;
}

/**
 * Service API: the places a person was linked to (sightings, found when missing, police information), most recent
 * first. The caller has already authorised opening this person's record; a person the reader may not see has no
 * places here.
 */
export async function placesForPerson(ctx: RequestContext, personId: string): Promise<PlaceOfPerson[]> {
  authorise(ctx, 'outside.view');
  if (!(await viewablePeople(ctx, [personId])).has(personId)) return [];
  return (await repo.placesOfPerson(ctx.db, personId)).map((r) => ({ place: summaryOf(r), incidents: r.incidents, kinds: r.kinds, firstAt: r.first_at, lastAt: r.last_at }));
}

export interface RepeatPlace {
  place: PlaceSummary;
  /** Distinct children the reader may see, linked to the place since `since`. */
  children: number;
  childIds: string[];
  /** Incidents there since `since` involving those children. */
  incidents: number;
  foundMissing: number;
  lastAt: Date;
}

/**
 * Service API: places where at least `minChildren` distinct children were linked since `since` (default: the last
 * 90 days, two children), most children first. Only children the reader may see count, so a pattern never
 * reveals a child they could not open.
 */
export async function repeatPlaces(ctx: RequestContext, options: { since?: Date; minChildren?: number } = {}): Promise<RepeatPlace[]> {
  authorise(ctx, 'outside.view');
  const since = options.since ?? startOfUkDay(addCalendarDays(ukToday(), -REPEAT_DAYS));
  const minChildren = Math.max(1, options.minChildren ?? REPEAT_MIN_CHILDREN);
  const rows = await repo.childLinksAtBusyPlaces(ctx.db, since, minChildren);
  const viewable = await viewablePeople(ctx, rows.map((r) => r.person_id));
  const byPlace = new Map<string, { place: PlaceSummary; children: Set<string>; incidents: Set<string>; found: Set<string>; lastAt: Date }>();
  for (const r of rows) {
    if (!viewable.has(r.person_id)) continue;
    const at = new Date(r.occurred_at);
    const entry = byPlace.get(r.place_id) ?? { place: summaryOf({ ...r, id: r.place_id }), children: new Set(), incidents: new Set(), found: new Set(), lastAt: at };
    entry.children.add(r.person_id);
    entry.incidents.add(r.incident_id);
    if (r.incident_kind === 'found_missing') entry.found.add(r.incident_id);
    if (at > entry.lastAt) entry.lastAt = at;
    byPlace.set(r.place_id, entry);
  }
  return [...byPlace.values()]
    .filter((e) => e.children.size >= minChildren)
    .map((e) => ({ place: e.place, children: e.children.size, childIds: [...e.children], incidents: e.incidents.size, foundMissing: e.found.size, lastAt: e.lastAt }))
    .sort((a, b) => b.children - a.children || b.incidents - a.incidents || b.lastAt.getTime() - a.lastAt.getTime() || a.place.name.localeCompare(b.place.name));
}
