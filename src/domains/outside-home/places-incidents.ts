import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import { auditChange, authorise, authorisePerson, type RequestContext, viewablePeople } from '../../platform/access/authorise.ts';
import { can, type Decision } from '../../platform/access/rules.ts';
import { dayAfter, startOfUkDay } from '../../platform/calendar/uk-days.ts';
import { FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { recordChronology } from '../chronology/service.ts';
import { INCIDENT_ENTRY_TYPE, INCIDENT_RECORD, incidentChronologySummary, sourceOfAgency } from './places-labels.ts';
import * as repo from './places-repository.ts';
import type { IncidentInput } from './places-schema.ts';
import { type PlaceSummary, placeFor } from './places-service.ts';
import type { IncidentKind, InformationSource } from './tables.ts';

export interface IncidentPerson {
  id: string;
  name: string;
  personType: 'child' | 'unborn' | 'adult';
}

/** An incident as pages show it: only the people the reader may see are in `people`. */
export interface IncidentView {
  id: string;
  kind: IncidentKind;
  occurredAt: Date;
  source: InformationSource;
  summary: string;
  place: PlaceSummary | null;
  missingEpisodeId: string | null;
  people: IncidentPerson[];
}

type Allowed = Extract<Decision, { allowed: true }>;

/** Each incident's people, leaving out everyone the reader may not see (not named, not counted, not linked). */
async function peopleByIncident(ctx: RequestContext, incidentIds: readonly string[]): Promise<Map<string, IncidentPerson[]>> {
  const rows = await repo.peopleOfIncidents(ctx.db, incidentIds);
  const viewable = await viewablePeople(ctx, rows.map((r) => r.person_id));
  const byIncident = new Map<string, IncidentPerson[]>();
  for (const r of rows) {
    if (!viewable.has(r.person_id)) continue;
    byIncident.set(r.incident_id, [...(byIncident.get(r.incident_id) ?? []), { id: r.person_id, name: `${r.given_name} ${r.family_name}`, personType: r.person_type }]);
  }
  return byIncident;
}

/**
 * Service API: the incidents (sightings, found when missing, police information…) any of these people were involved
 * in, since a moment or ever, newest first, each with its place and the people in it the reader may see. People
 * the reader may not see are ignored, as if they had not been asked about.
 */
export async function incidentsForPeople(ctx: RequestContext, personIds: readonly string[], since?: Date): Promise<IncidentView[]> {
  authorise(ctx, 'outside.view');
  const asked = await viewablePeople(ctx, personIds);
  const rows = await repo.incidentsOfPeople(ctx.db, [...asked], since ?? null);
  const people = await peopleByIncident(ctx, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    occurredAt: new Date(r.occurred_at),
    source: r.source,
    summary: r.summary,
    place: r.place_id && r.place_name && r.place_kind ? { id: r.place_id, name: r.place_name, kind: r.place_kind, locality: r.place_locality, closedOn: r.place_closed_on } : null,
    missingEpisodeId: r.missing_episode_id,
    people: people.get(r.id) ?? [],
  }));
}

/** The place page's timeline: incidents in a period (UK days, either end open), and the children linked over it. */
export const PLACE_TIMELINE_LIMIT = 300;

export async function placePage(ctx: RequestContext, placeId: string, period: { from: string | null; to: string | null }) {
  const place = await placeFor(ctx, placeId);
  const rows = await repo.incidentsAtPlace(ctx.db, placeId, { from: period.from ? startOfUkDay(period.from) : null, before: period.to ? startOfUkDay(dayAfter(period.to)) : null }, PLACE_TIMELINE_LIMIT + 1);
  const shown = rows.slice(0, PLACE_TIMELINE_LIMIT);
  const people = await peopleByIncident(ctx, shown.map((r) => r.id));
  const incidents = shown.map((r) => ({ ...r, occurred_at: new Date(r.occurred_at), people: people.get(r.id) ?? [] }));
  const children = new Map<string, { id: string; name: string; incidents: number; foundMissing: number; lastAt: Date }>();
  for (const incident of incidents) {
    for (const p of incident.people) {
      if (p.personType !== 'child') continue;
      const child = children.get(p.id) ?? { id: p.id, name: p.name, incidents: 0, foundMissing: 0, lastAt: incident.occurred_at };
      child.incidents += 1;
      if (incident.kind === 'found_missing') child.foundMissing += 1;
      if (incident.occurred_at > child.lastAt) child.lastAt = incident.occurred_at;
      children.set(p.id, child);
    }
  }
  return {
    place,
    incidents,
    more: rows.length > PLACE_TIMELINE_LIMIT,
    children: [...children.values()].sort((a, b) => b.incidents - a.incidents || b.lastAt.getTime() - a.lastAt.getTime() || a.name.localeCompare(b.name)),
    mayRecord: can(ctx.actor, 'outside.record').allowed,
  };
}

/** Writes an incident, its people, and each person's chronology entry and audit, in the caller's transaction. */
async function writeIncident(
  trx: Kysely<Database>,
  ctx: RequestContext,
  incident: { id: string; placeId: string; placeName: string; kind: IncidentKind; occurredAt: Date; source: InformationSource; summary: string; missingEpisodeId?: string | null },
  people: readonly { id: string; decision: Allowed }[],
): Promise<void> {
  await repo.insertIncident(
    trx,
    { id: incident.id, place_id: incident.placeId, kind: incident.kind, occurred_at: incident.occurredAt, source: incident.source, summary: incident.summary, missing_episode_id: incident.missingEpisodeId ?? null, created_by: ctx.actor.id },
    people.map((p) => p.id),
  );
  const summary = incidentChronologySummary(incident.kind, incident.source, incident.placeName);
  for (const person of people) {
    await recordChronology(trx, {
      personId: person.id, occurredAt: incident.occurredAt, entryType: INCIDENT_ENTRY_TYPE, summary, agencyId: ctx.actor.agencyId, recordedBy: ctx.actor.id, recordType: INCIDENT_RECORD, recordId: incident.id,
    });
    await auditChange(trx, ctx, 'outside.record', person.id, person.decision);
  }
}

/**
 * Records what was seen, known or happened at a place, with the children and adults involved (each one the user
 * may see). Each person's chronology names only the place. A repeated submission (same key) is one incident.
 */
export async function recordIncident(ctx: RequestContext, placeId: string, input: IncidentInput & { personIds: readonly string[]; idempotencyKey: string }, now = new Date()): Promise<{ id: string; replayed: boolean }> {
  authorise(ctx, 'outside.record');
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: INCIDENT_RECORD };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return { id: earlier, replayed: true };
  const place = await placeFor(ctx, placeId, 'outside.record');
  if (input.occurredAt > now) throw new FieldProblem('occurredAt', 'When it happened must be in the past');
  const personIds = [...new Set(input.personIds)];
  const viewable = await viewablePeople(ctx, personIds);
  if (personIds.some((id) => !viewable.has(id))) throw new FieldProblem('people', 'You can only link people whose records you may see. Remove anyone you cannot open.');
  const people = await Promise.all(personIds.map(async (id) => ({ id, decision: await authorisePerson(ctx, id, 'person.view', { audit: false }) })));
  const id = uuidv7();
  return once(ctx.db, { ...claim, resourceId: id }, (trx) =>
    writeIncident(trx, ctx, { id, placeId, placeName: place.name, kind: input.kind, occurredAt: input.occurredAt, source: input.source, summary: input.summary }, people),
  );
}

/**
 * For a missing episode's return: the place the child was found, checked before the return is saved. Only those
 * who record at places may choose one; the place must be open.
 */
export async function foundPlaceFor(ctx: RequestContext, placeId: string): Promise<PlaceSummary> {
  if (!can(ctx.actor, 'outside.record').allowed) throw new FieldProblem('placeId', 'You cannot link a return to a place of concern');
  const place = await repo.findPlace(ctx.db, placeId);
  if (!place || place.closed_on) throw new FieldProblem('placeId', 'Select a place of concern from the list');
  return { id: place.id, name: place.name, kind: place.kind, locality: place.locality, closedOn: place.closed_on };
}

/** The words of a found-when-missing incident: the place page is seen by more people than the child's record. */
export const FOUND_MISSING_SUMMARY = 'Found here after being reported missing.';

/**
 * Records, in the return's own transaction, that the child of a missing episode was found at a place of concern.
 * `decision` is the one that allowed the return to be recorded for this child.
 */
export async function recordFoundAt(
  trx: Kysely<Database>,
  ctx: RequestContext,
  found: { place: PlaceSummary; episodeId: string; personId: string; foundAt: Date; decision: Allowed },
): Promise<void> {
  if (!(await repo.findPlace(trx, found.place.id))) throw new NotFoundError();
  await writeIncident(
    trx, ctx,
    { id: uuidv7(), placeId: found.place.id, placeName: found.place.name, kind: 'found_missing', occurredAt: found.foundAt, source: sourceOfAgency(ctx.actor.agencyKind), summary: FOUND_MISSING_SUMMARY, missingEpisodeId: found.episodeId },
    [{ id: found.personId, decision: found.decision }],
  );
}

/** The place a missing episode's child was found at, if the return named one. */
export async function foundPlaceOfEpisode(ctx: RequestContext, episodeId: string): Promise<PlaceSummary | null> {
  const incident = await repo.incidentOfEpisode(ctx.db, episodeId);
  if (!incident?.place_id) return null;
  const place = await repo.findPlace(ctx.db, incident.place_id);
  return place ? { id: place.id, name: place.name, kind: place.kind, locality: place.locality, closedOn: place.closed_on } : null;
}
