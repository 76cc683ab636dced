import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AgencyKind } from '../../db/types.ts';
import { type Action, type Actor, can, type PersonScope, type Role } from './rules.ts';

const SOCIAL_CARE = 'agency-social-care';
const SCHOOL = 'agency-school';

const actors: Record<string, Actor> = {
  'social care practitioner': actor('practitioner', SOCIAL_CARE, 'social_care'),
  'social care manager': actor('manager', SOCIAL_CARE, 'social_care'),
  'school partner': actor('partner_practitioner', SCHOOL, 'education'),
  'police practitioner': actor('practitioner', 'agency-police', 'police'),
  LADO: actor('lado', SOCIAL_CARE, 'social_care'),
  'early help panel chair': actor('panel_chair', 'agency-early-help', 'early_help'),
  analyst: actor('analyst', SOCIAL_CARE, 'social_care'),
  'board member': actor('board_member', 'agency-voluntary', 'voluntary'),
  administrator: actor('administrator', SOCIAL_CARE, 'social_care'),
};

function actor(role: Role, agencyId: string, agencyKind: AgencyKind): Actor {
  return { id: `user-${role}-${agencyId}`, agencyId, agencyKind, roles: [role] };
}

/** The records each actor meets: shared with their agency, not shared, restricted (named or not), break-glass. */
function records(a: Actor): Record<string, PersonScope> {
  const base = { involvedAgencyIds: [], namedUserIds: [], breakGlassUserIds: [], restricted: false };
  return {
    shared: { ...base, id: 'p1', involvedAgencyIds: [a.agencyId] },
    'not shared': { ...base, id: 'p2', involvedAgencyIds: ['agency-elsewhere'] },
    'restricted, named': { ...base, id: 'p3', restricted: true, namedUserIds: [a.id] },
    'restricted, not named': { ...base, id: 'p4', restricted: true, involvedAgencyIds: [a.agencyId] },
    'break-glass': { ...base, id: 'p5', breakGlassUserIds: [a.id] },
  };
}

// Y allowed, B refused but break-glass offered, N refused. Columns follow records(): shared, not shared,
// restricted named, restricted not named, break-glass.
const expected: Record<string, Partial<Record<Action, string>>> = {
  'social care practitioner': { 'person.view': 'YYYBY', 'person.edit': 'YYYBY', 'person.merge': 'NNNBN', 'person.viewers': 'NNNBN' },
  'social care manager': { 'person.view': 'YYYBY', 'person.edit': 'YYYBY', 'person.merge': 'YYYBY', 'person.viewers': 'YYYBY' },
  'school partner': { 'person.view': 'YBYBY', 'person.edit': 'NBNBN', 'person.merge': 'NBNBN', 'person.viewers': 'NBNBN' },
  'police practitioner': { 'person.view': 'YBYBY', 'person.edit': 'NBNBN' },
  LADO: { 'person.view': 'YBYBY', 'person.edit': 'NBNBN' },
  'early help panel chair': { 'person.view': 'YBYBY', 'person.edit': 'NBNBN' },
  analyst: { 'person.view': 'NNNNN', 'person.edit': 'NNNNN' },
  'board member': { 'person.view': 'NNNNN' },
  administrator: { 'person.view': 'NNNNN', 'person.merge': 'NNNNN' },
};

const systemExpected: Record<string, Partial<Record<Action, boolean>>> = {
  'social care practitioner': { 'person.search': true, 'person.create': true, 'users.manage': false, 'audit.search': false, 'aggregates.view': false },
  'social care manager': { 'person.search': true, 'aggregates.view': true, 'users.manage': false },
  'school partner': { 'person.search': true, 'person.create': true, 'aggregates.view': false },
  analyst: { 'person.search': false, 'person.create': false, 'aggregates.view': true },
  'board member': { 'person.search': false, 'aggregates.view': true },
  administrator: { 'person.search': false, 'users.manage': true, 'audit.search': true, 'aggregates.view': true },
};

const letter = (d: ReturnType<typeof can>) => (d.allowed ? 'Y' : d.breakGlass ? 'B' : 'N');

describe('can(): who may do what to a person’s record', () => {
  for (const [who, actions] of Object.entries(expected)) {
    const a = actors[who]!;
    for (const [action, row] of Object.entries(actions)) {
      it(`${who}: ${action} is ${row}`, () => {
        const actual = Object.values(records(a))
          .map((person) => letter(can(a, action as Action, { kind: 'person', person })))
          .join('');
        assert.equal(actual, row);
      });
    }
  }
});

describe('can(): system-wide actions', () => {
  for (const [who, actions] of Object.entries(systemExpected)) {
    for (const [action, allowed] of Object.entries(actions)) {
      it(`${who}: ${action} ${allowed ? 'allowed' : 'refused'}`, () => {
        assert.equal(can(actors[who]!, action as Action).allowed, allowed);
      });
    }
  }

  it('refuses a person action without a person', () => {
    assert.equal(can(actors['social care manager']!, 'person.view').allowed, false);
  });
});
