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
  'MARAC coordinator': actor('marac_coordinator', 'agency-marac', 'other'),
  'CDOP manager': actor('cdop_manager', 'agency-cdop', 'other'),
  'review chair': actor('review_chair', 'agency-partnership', 'other'),
  'early help panel chair': actor('panel_chair', 'agency-early-help', 'early_help'),
  'early help practitioner': actor('practitioner', 'agency-early-help', 'early_help'),
  analyst: actor('analyst', SOCIAL_CARE, 'social_care'),
  'board member': actor('board_member', 'agency-voluntary', 'voluntary'),
  administrator: actor('administrator', SOCIAL_CARE, 'social_care'),
  'data protection officer': actor('data_protection', 'agency-council', 'other'),
  'business manager': actor('business_manager', 'agency-partnership', 'other'),
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
  'social care practitioner': {
    'person.view': 'YYYBY', 'person.edit': 'YYYBY', 'person.merge': 'NNNBN', 'person.viewers': 'NNNBN',
    'earlyhelp.open': 'YYYBY', 'earlyhelp.step_down': 'YYYBY', 'panels.refer': 'YYYBY',
  },
  'social care manager': { 'person.view': 'YYYBY', 'person.edit': 'YYYBY', 'person.merge': 'YYYBY', 'person.viewers': 'YYYBY' },
  'school partner': {
    'person.view': 'YBYBY', 'person.edit': 'NBNBN', 'person.merge': 'NBNBN', 'person.viewers': 'NBNBN',
    'earlyhelp.open': 'YBYBY', 'earlyhelp.step_down': 'NBNBN', 'panels.refer': 'YBYBY',
  },
  'police practitioner': { 'person.view': 'YBYBY', 'person.edit': 'NBNBN' },
  LADO: { 'person.view': 'YBYBY', 'person.edit': 'NBNBN' },
  'early help panel chair': { 'person.view': 'YBYBY', 'person.edit': 'NBNBN' },
  'early help practitioner': { 'person.view': 'YBYBY', 'earlyhelp.open': 'YBYBY', 'earlyhelp.step_down': 'NBNBN' },
  analyst: { 'person.view': 'NNNNN', 'person.edit': 'NNNNN', 'earlyhelp.open': 'NNNNN', 'panels.refer': 'NNNNN' },
  'board member': { 'person.view': 'NNNNN' },
  administrator: { 'person.view': 'NNNNN', 'person.merge': 'NNNNN' },
  'data protection officer': { 'person.view': 'NNNNN', 'person.edit': 'NNNNN' },
  'business manager': { 'person.view': 'NNNNN', 'voice.record': 'NNNNN', 'tools.score': 'NNNNN' },
};

const systemExpected: Record<string, Partial<Record<Action, boolean>>> = {
  'social care practitioner': { 'person.search': true, 'person.create': true, 'users.manage': false, 'audit.search': false, 'aggregates.view': false, 'forecast.view': false, 'outside.view': true, 'outside.groups': true },
  'social care manager': { 'person.search': true, 'aggregates.view': true, 'users.manage': false, 'forecast.view': true, 'forecast.configure': false, 'outside.groups': true },
  'school partner': { 'person.search': true, 'person.create': true, 'aggregates.view': false, 'outside.view': true, 'outside.record': true, 'outside.groups': false },
  analyst: { 'person.search': false, 'person.create': false, 'aggregates.view': true, 'forecast.view': true, 'forecast.configure': true, 'outside.view': false },
  'board member': { 'person.search': false, 'aggregates.view': true, 'forecast.view': true, 'forecast.configure': false },
  administrator: { 'person.search': false, 'users.manage': true, 'audit.search': true, 'aggregates.view': true, 'outside.view': false, 'integrations.manage': true, 'governance.sar': false },
  'data protection officer': { 'person.search': false, 'users.manage': false, 'aggregates.view': false, 'governance.sar': true, 'governance.retention': true, 'integrations.manage': false },
};

// The front door, early help and panels, for everyone: contact.create, frontdoor.work, frontdoor.sign_off,
// threshold.configure, earlyhelp.list, panels.view, panels.chair (Y allowed, N refused), in that order.
const WORK_ACTIONS: Action[] = ['contact.create', 'frontdoor.work', 'frontdoor.sign_off', 'threshold.configure', 'earlyhelp.list', 'panels.view', 'panels.chair'];
const workExpected: Record<string, string> = {
  'social care practitioner': 'YYNNYYN',
  'social care manager': 'YYYNYYY',
  'school partner': 'YNNNNNN',
  'police practitioner': 'YNNNNNN',
  LADO: 'YNNNNNN',
  'early help panel chair': 'YNNNYYY',
  'early help practitioner': 'YNNNYYN',
  analyst: 'NNNNNNN',
  'board member': 'NNNNNNN',
  administrator: 'NNNYNNN',
  'data protection officer': 'NNNNNNN',
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

describe('can(): the front door, early help and panels', () => {
  for (const [who, row] of Object.entries(workExpected)) {
    it(`${who}: ${row}`, () => {
      assert.equal(WORK_ACTIONS.map((action) => (can(actors[who]!, action).allowed ? 'Y' : 'N')).join(''), row);
    });
  }

  it('lets the Team Around the Child work on an early help case, and early help staff, but not other partners', () => {
    const school = actors['school partner']!;
    const shared: PersonScope = { id: 'p1', restricted: false, involvedAgencyIds: [school.agencyId, 'agency-early-help'], namedUserIds: [], breakGlassUserIds: [] };
    const onCase = (a: Actor, team: string[], person = shared) => letter(can(a, 'earlyhelp.work', { kind: 'case', case: { person, teamUserIds: team } }));
    assert.equal(onCase(school, []), 'N', 'involved, but not on the team');
    assert.equal(onCase(school, [school.id]), 'Y', 'on the team');
    assert.equal(onCase(school, [school.id], { ...shared, involvedAgencyIds: [] }), 'B', 'on the team of a child no longer shared: refused, break-glass offered');
    assert.equal(onCase(actors['early help practitioner']!, []), 'Y');
    assert.equal(onCase(actors['social care practitioner']!, []), 'Y');
    assert.equal(onCase(actors.analyst!, [actors.analyst!.id]), 'N');
  });

  it('lets a panel chair or social care manager run a referral, and the chair named on it', () => {
    const shared: PersonScope = { id: 'p1', restricted: false, involvedAgencyIds: ['agency-early-help'], namedUserIds: [], breakGlassUserIds: [] };
    const run = (a: Actor, team: string[]) => can(a, 'panels.chair', { kind: 'case', case: { person: shared, teamUserIds: team } }).allowed;
    assert.equal(run(actors['early help panel chair']!, []), true);
    assert.equal(run(actors['social care manager']!, []), true);
    assert.equal(run(actors['social care practitioner']!, []), false);
    assert.equal(run(actors['early help practitioner']!, [actors['early help practitioner']!.id]), true, 'named as the panel’s chair');
  });
});

// Children's social care, for everyone: socialcare.list, caseload.view, caseload.allocate (system-wide).
const SOCIAL_CARE_ACTIONS: Action[] = ['socialcare.list', 'caseload.view', 'caseload.allocate'];
const socialCareExpected: Record<string, string> = {
  'social care practitioner': 'YYN',
  'social care manager': 'YYY',
  'school partner': 'NNN',
  'police practitioner': 'NNN',
  LADO: 'NNN',
  'early help panel chair': 'NNN',
  'early help practitioner': 'NNN',
  analyst: 'NNN',
  'board member': 'NNN',
  administrator: 'NNN',
};

describe('can(): children’s social care', () => {
  for (const [who, row] of Object.entries(socialCareExpected)) {
    it(`${who}: ${row}`, () => {
      assert.equal(SOCIAL_CARE_ACTIONS.map((action) => (can(actors[who]!, action).allowed ? 'Y' : 'N')).join(''), row);
    });
  }

  // Columns as records(): shared, not shared, restricted named, restricted not named, break-glass.
  const onRecord: Record<string, Partial<Record<Action, string>>> = {
    'social care practitioner': { 'socialcare.refer': 'YYYBY', 'socialcare.work': 'YYYBY', 'caseload.allocate': 'NNNNN', 'missing.report': 'YYYBY' },
    'social care manager': { 'socialcare.work': 'YYYBY', 'caseload.allocate': 'YYYBY' },
    'school partner': { 'socialcare.refer': 'NBNBN', 'socialcare.work': 'NBNBN', 'missing.report': 'YBYBY' },
    'police practitioner': { 'missing.report': 'YBYBY', 'socialcare.work': 'NBNBN' },
    analyst: { 'missing.report': 'NNNNN', 'socialcare.work': 'NNNNN' },
  };
  for (const [who, actions] of Object.entries(onRecord)) {
    for (const [action, row] of Object.entries(actions)) {
      it(`${who}: ${action} on a child's record is ${row}`, () => {
        const a = actors[who]!;
        assert.equal(Object.values(records(a)).map((person) => letter(can(a, action as Action, { kind: 'person', person }))).join(''), row);
      });
    }
  }

  it('lets social care managers authorise and chair, practitioners work, and early help or the named worker interview on return', () => {
    const school = actors['school partner']!;
    const person: PersonScope = { id: 'p1', restricted: false, involvedAgencyIds: [school.agencyId], namedUserIds: [], breakGlassUserIds: [] };
    const onCase = (a: Actor, action: Action, team: string[] = []) => letter(can(a, action, { kind: 'case', case: { person, teamUserIds: team } }));
    assert.equal(onCase(actors['social care practitioner']!, 'socialcare.work'), 'Y');
    assert.equal(onCase(actors['social care practitioner']!, 'socialcare.authorise'), 'N');
    assert.equal(onCase(actors['social care practitioner']!, 'socialcare.chair'), 'N');
    assert.equal(onCase(actors['social care manager']!, 'socialcare.authorise'), 'Y');
    assert.equal(onCase(actors['social care manager']!, 'socialcare.chair'), 'Y');
    assert.equal(onCase(school, 'socialcare.work'), 'N');
    assert.equal(onCase(school, 'missing.interview'), 'N');
    assert.equal(onCase(school, 'missing.interview', [school.id]), 'Y', 'named to do the interview');
    assert.equal(onCase(actors['early help practitioner']!, 'missing.interview'), 'B', 'early help staff, but the child is not shared with them');
  });
});

// The partnership's own case work, for everyone: lado.work, marac.work, cdop.work, reviews.work, reviews.track,
// disagreements.raise, disagreements.manage, disagreements.view (Y allowed, N refused), in that order.
const PARTNERSHIP_ACTIONS: Action[] = ['lado.work', 'marac.work', 'cdop.work', 'reviews.work', 'reviews.track', 'disagreements.raise', 'disagreements.manage', 'disagreements.view'];
const partnershipExpected: Record<string, string> = {
  'social care practitioner': 'NNNNNYNY',
  'social care manager': 'NNNNYYNY',
  'school partner': 'NNNNNYNY',
  'police practitioner': 'NNNNNYNY',
  LADO: 'YNNNNYNY',
  'MARAC coordinator': 'NYNNNNNN',
  'CDOP manager': 'NNYNNNNN',
  'review chair': 'NNNYYNYY',
  'early help panel chair': 'NNNNNYNY',
  'early help practitioner': 'NNNNNYNY',
  analyst: 'NNNNNNNN',
  'board member': 'NNNNYNNN',
  administrator: 'NNNNNNNN',
};

describe('can(): the partnership’s own case work', () => {
  for (const [who, row] of Object.entries(partnershipExpected)) {
    it(`${who}: ${row}`, () => {
      assert.equal(PARTNERSHIP_ACTIONS.map((action) => (can(actors[who]!, action).allowed ? 'Y' : 'N')).join(''), row);
    });
  }

  it('lets the partnership’s own functions open only the records their cases share with them', () => {
    for (const who of ['MARAC coordinator', 'CDOP manager', 'review chair']) {
      const a = actors[who]!;
      assert.equal(Object.values(records(a)).map((person) => letter(can(a, 'person.view', { kind: 'person', person }))).join(''), 'YBYBY', who);
    }
  });
});

// Information governance, integrations and returns, for everyone: governance.sar, governance.retention,
// integrations.manage, returns.prepare.
const GOVERNANCE_ACTIONS: Action[] = ['governance.sar', 'governance.retention', 'integrations.manage', 'returns.prepare'];
describe('can(): information governance and integrations', () => {
  for (const who of Object.keys(actors)) {
    const row = who === 'data protection officer' ? 'YYNN' : who === 'administrator' ? 'NNYN' : ['analyst', 'social care manager'].includes(who) ? 'NNNY' : 'NNNN';
    it(`${who}: ${row}`, () => {
      assert.equal(GOVERNANCE_ACTIONS.map((action) => (can(actors[who]!, action).allowed ? 'Y' : 'N')).join(''), row);
    });
  }
});

// Quality assurance and the board: partnership.manage, quality.view, audits.answer, section11.answer (system-wide).
const QUALITY_ACTIONS: Action[] = ['partnership.manage', 'quality.view', 'audits.answer', 'section11.answer'];
const qualityExpected: Record<string, string> = {
  'social care practitioner': 'NNYY',
  'social care manager': 'NNYY',
  'school partner': 'NNYY',
  'police practitioner': 'NNYY',
  LADO: 'NNNN',
  'review chair': 'NNNN',
  'early help panel chair': 'NNNN',
  analyst: 'NNNN',
  'board member': 'NYNN',
  administrator: 'NNNN',
  'data protection officer': 'NNNN',
  'business manager': 'YYNN',
};

describe('can(): quality assurance and the board', () => {
  for (const [who, row] of Object.entries(qualityExpected)) {
    it(`${who}: ${row}`, () => {
      assert.equal(QUALITY_ACTIONS.map((action) => (can(actors[who]!, action).allowed ? 'Y' : 'N')).join(''), row);
    });
  }

  // Columns as records(): shared, not shared, restricted named, restricted not named, break-glass.
  const onRecord: Record<string, Partial<Record<Action, string>>> = {
    'social care practitioner': { 'voice.record': 'YYYBY', 'tools.score': 'YYYBY' },
    'school partner': { 'voice.record': 'YBYBY', 'tools.score': 'YBYBY' },
    'early help panel chair': { 'voice.record': 'YBYBY', 'tools.score': 'YBYBY' },
    LADO: { 'voice.record': 'YBYBY', 'tools.score': 'NBNBN' },
    analyst: { 'voice.record': 'NNNNN', 'tools.score': 'NNNNN' },
    'board member': { 'voice.record': 'NNNNN', 'tools.score': 'NNNNN' },
  };
  for (const [who, actions] of Object.entries(onRecord)) {
    for (const [action, row] of Object.entries(actions)) {
      it(`${who}: ${action} on a child's record is ${row}`, () => {
        const a = actors[who]!;
        assert.equal(Object.values(records(a)).map((person) => letter(can(a, action as Action, { kind: 'person', person }))).join(''), row);
      });
    }
  }
});

// The partnership dataset: aggregates.view, dataset.records, dataset.configure, report.edit (system-wide).
const DATASET_ACTIONS: Action[] = ['aggregates.view', 'dataset.records', 'dataset.configure', 'report.edit'];
const datasetExpected: Record<string, string> = {
  'social care practitioner': 'NNNN',
  'social care manager': 'YYNN',
  'school partner': 'NNNN',
  'police practitioner': 'NNNN',
  LADO: 'NNNN',
  'review chair': 'YNNN',
  'early help panel chair': 'NNNN',
  analyst: 'YNYY',
  'board member': 'YNNN',
  administrator: 'YNNN',
  'data protection officer': 'NNNN',
  'business manager': 'YNNY',
};

describe('can(): the partnership dataset', () => {
  for (const [who, row] of Object.entries(datasetExpected)) {
    it(`${who}: ${row}`, () => {
      assert.equal(DATASET_ACTIONS.map((action) => (can(actors[who]!, action).allowed ? 'Y' : 'N')).join(''), row);
    });
  }
});
