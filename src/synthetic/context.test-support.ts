import type { Database } from '../db/types.ts';
import type { Locality } from '../domains/people/localities.ts';
import { Rng } from './rng.ts';
import type { Journey, SocialCareTeamKind, StaffTeam, SyntheticContext, SyntheticOrganisation } from './types.ts';

/** A context that keeps the rows it is given, for unit tests of a capability's `synthesise`. */
export function collectingContext(end = '2026-03-31', seed = 1) {
  const rows: Partial<Record<keyof Database, Record<string, unknown>[]>> = {};
  let serial = 0;
  const shared = new Map<string, string>();
  const team = (name: string): StaffTeam => ({ id: `team-${name}`, name, agencyId: 'agency-csc', managerId: `manager-${name}`, workerIds: [`worker-${name}-1`, `worker-${name}-2`] });
  const org: SyntheticOrganisation = {
    agencyIds: { csc: 'agency-csc', eh: 'agency-eh', police: 'agency-police', health: 'agency-health', school: 'agency-school', vol: 'agency-vol', housing: 'agency-housing', probation: 'agency-probation' },
    socialCare: { assessment: [team('assessment')], child_protection: [team('cp')], children_in_care: [team('cic')], leaving_care: [team('leaving')] },
    earlyHelp: [team('eh')],
    chairIds: ['chair-1', 'chair-2'],
    partnerUserIds: { csc: 'user-csc', eh: 'user-eh', police: 'user-police', health: 'user-health', school: 'user-school', vol: 'user-vol', housing: 'user-housing', probation: 'user-probation' },
    panels: { masg: { north_west_rural: { id: 'panel-nwr', chairId: 'chair-p' }, central_east: { id: 'panel-ce', chairId: 'chair-p' }, south: { id: 'panel-s', chairId: 'chair-p' } }, metHub: { id: 'panel-met', chairId: 'chair-p' } },
    functions: { marac: { agencyId: 'agency-marac', userId: 'user-marac' }, cdop: { agencyId: 'agency-cdop', userId: 'user-cdop' }, partnership: { agencyId: 'agency-partnership', userId: 'user-partnership' }, business: { agencyId: 'agency-partnership', userId: 'user-business' } },
  };
  const ctx: SyntheticContext = {
    end,
    rng: new Rng(seed),
    org,
    worker: (kind: SocialCareTeamKind) => ({ id: org.socialCare[kind][0]!.workerIds[0]!, teamId: org.socialCare[kind][0]!.id }),
    id: () => `00000000-0000-7000-8000-${String(++serial).padStart(12, '0')}`,
    stamp: (at, by) => ({ created_at: new Date(at), updated_at: new Date(at), created_by: by }),
    once: (key, make) => {
      if (!shared.has(key)) shared.set(key, make());
      return shared.get(key)!;
    },
    add: (table, row) => {
      (rows[table as keyof Database] ??= []).push(row as Record<string, unknown>);
    },
    chronology: (entry) => {
      (rows.chronology ??= []).push({ person_id: entry.personId, occurred_at: new Date(entry.at), entry_type: entry.type, summary: entry.summary, agency_id: entry.agencyId, recorded_by: entry.by, record_type: entry.recordType, record_id: entry.recordId });
    },
  };
  return { ctx, rows };
}

/** A journey with nothing in it yet, for a child born on `dateOfBirth`. */
export function emptyJourney(dateOfBirth = '2015-06-01', locality: Locality = 'south'): Journey {
  return {
    child: { index: 0, personId: 'child-1', parentIds: ['parent-1'], givenName: 'Ivy', familyName: 'Ashwhistle', dateOfBirth, sex: 'F', ethnicity: 'WBRI', disabled: false, locality, postcode: 'ZZ99 7AB' },
    contacts: [],
    earlyHelp: [],
    panels: [],
    episodes: [],
    missing: [],
    careLeaver: null,
  };
}
