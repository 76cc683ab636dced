import type { AgencyKey, SyntheticContext } from '../../synthetic/types.ts';
import { CHRONOLOGY, incidentSummary, RECORD } from './demo-chronology.ts';
import type { SyntheticPlace } from './synthetic-places.ts';
import type { IncidentKind, InformationSource } from './tables.ts';

/** The synthetic agency whose practitioner records information from each source. */
export const SOURCE_AGENCY: Record<InformationSource, AgencyKey> = {
  police: 'police', social_care: 'csc', school: 'school', health: 'health', youth_work: 'vol', community_safety: 'housing',
  transport: 'police', child: 'csc', family: 'csc', other: 'csc',
};

/**
 * An incident at a place with the children and adults it involved, and an entry on each child's chronology naming
 * only the place (adults of concern get none: their record is not a child's).
 */
export function incident(
  ctx: SyntheticContext,
  i: { place: SyntheticPlace; kind: IncidentKind; at: Date; source: InformationSource; summary: string; children: string[]; adults: string[]; missingEpisodeId?: string },
): void {
  const agency = SOURCE_AGENCY[i.source];
  const by = ctx.org.partnerUserIds[agency];
  const agencyId = ctx.org.agencyIds[agency];
  const id = ctx.id(i.at);
  ctx.add('place_incidents', { id, place_id: i.place.id, kind: i.kind, occurred_at: i.at, source: i.source, summary: i.summary, missing_episode_id: i.missingEpisodeId ?? null, screening_id: null, ...ctx.stamp(i.at, by), version: 1 });
  for (const personId of [...i.children, ...i.adults]) ctx.add('place_incident_people', { incident_id: id, person_id: personId });
  const summary = incidentSummary(i.kind, i.source, i.place.name);
  for (const personId of i.children) ctx.chronology({ personId, at: i.at, type: CHRONOLOGY.incident, summary, agencyId, by, recordType: RECORD.incident, recordId: id });
}

const lastSunday = (year: number, month: number) => {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return last.getUTCDate() - last.getUTCDay();
};

/**
 * A moment on a UK date between 02:00 and 23:59 (British Summer Time from the last Sunday of March to the last Sunday
 * of October), worked out by hand as missing/synthetic.ts does, because `ukMoment` is too slow to call per row.
 */
export function daytime(date: string, hour: number, minute: number): Date {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1;
  const d = Number(date.slice(8, 10));
  const bst = (m > 2 && m < 9) || (m === 2 && d >= lastSunday(y, 2)) || (m === 9 && d < lastSunday(y, 9));
  return new Date(Date.UTC(y, m, d, hour - (bst ? 1 : 0), minute));
}
