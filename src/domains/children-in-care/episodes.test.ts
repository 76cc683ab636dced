import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StateError } from '../../platform/http/errors.ts';
import { type ChangeInput, type EpisodeState, planChange, reasonForNewEpisode } from './episodes.ts';
import { periodMachine, periodState } from './period-state.ts';
import { ageAt, ceaseProblems, participationProblems, type PlacementDetails, placementProblems, startProblems } from './rules-903.ts';

const foster: EpisodeState = {
  id: 'e1',
  startDate: '2026-01-05',
  reasonNewEpisode: 'S',
  legalStatus: 'V2',
  placementType: 'U6',
  placementProvider: 'PR1',
  carerName: 'Mr and Mrs Alder',
  urn: 'SC100001',
  placementPostcode: 'ZZ99 1AA',
  homePostcode: 'ZZ99 2BB',
};
const change = (over: Partial<ChangeInput> = {}): ChangeInput => ({
  date: '2026-03-02',
  legalStatus: foster.legalStatus,
  placementType: foster.placementType,
  placementProvider: foster.placementProvider,
  carerName: foster.carerName,
  urn: foster.urn,
  placementPostcode: foster.placementPostcode,
  homePostcode: foster.homePostcode,
  sameCarer: null,
  reasonPlaceChange: null,
  ...over,
});
const context = { dateOfBirth: '2015-06-01', today: '2026-04-01' };
const problemsOf = (result: ReturnType<typeof planChange>) => ('problems' in result ? result.problems.map((p) => `${p.field}: ${p.message}`) : []);
const planOf = (result: ReturnType<typeof planChange>) => {
  assert.ok('plan' in result, problemsOf(result).join('; '));
  return result.plan;
};

describe('903 reason for a new episode', () => {
  it('follows what changed: legal status, placement and carer, placement with the same carer, or both', () => {
    const newHome = { ...foster, carerName: 'Ms Birch', urn: 'SC100002', placementPostcode: 'ZZ99 3CC' };
    assert.equal(reasonForNewEpisode(foster, { ...foster, legalStatus: 'C1' }, null), 'L');
    assert.equal(reasonForNewEpisode(foster, newHome, false), 'P');
    assert.equal(reasonForNewEpisode(foster, { ...foster, placementPostcode: 'ZZ99 9ZZ' }, true), 'T');
    assert.equal(reasonForNewEpisode(foster, { ...newHome, legalStatus: 'C1' }, false), 'B');
    assert.equal(reasonForNewEpisode(foster, { ...foster, placementPostcode: 'ZZ99 9ZZ', legalStatus: 'C1' }, true), 'U');
    assert.equal(reasonForNewEpisode(foster, { ...foster }, null), null, 'nothing changed');
    assert.equal(reasonForNewEpisode(foster, { ...foster, carerName: 'mr and mrs alder ' }, null), null, 'case and spaces are not a change');
  });

  it('returning from a temporary placement is P (rule 383), whatever is said about the carer', () => {
    const hospital = { ...foster, placementType: 'T1', placementProvider: null, urn: null, placementPostcode: null, carerName: null };
    assert.equal(reasonForNewEpisode(hospital, foster, true), 'P');
    assert.equal(reasonForNewEpisode(hospital, { ...foster, legalStatus: 'C2' }, true), 'B');
  });
});

describe('planning a change of episode', () => {
  it('a change of legal status ends the episode the same day with X1 and no placement reason', () => {
    const plan = planOf(planChange([foster], change({ legalStatus: 'C1' }), context));
    assert.equal(plan.kind, 'new');
    if (plan.kind !== 'new') return;
    assert.deepEqual(plan.end, { episodeId: 'e1', endDate: '2026-03-02', reasonPlaceChange: null });
    assert.equal(plan.start.startDate, '2026-03-02');
    assert.equal(plan.start.reasonNewEpisode, 'L');
  });

  it('a placement move needs the reason (rule 225) and whether the carer stays, recorded on the ending episode', () => {
    const move = change({ carerName: 'Ms Birch', urn: 'SC100002', placementPostcode: 'ZZ99 3CC' });
    const missing = problemsOf(planChange([foster], move, context));
    assert.ok(missing.includes('reasonPlaceChange: Select the reason for the change of placement'));
    assert.ok(missing.includes('sameCarer: Select whether the child is staying with the same carers'));
    const plan = planOf(planChange([foster], { ...move, sameCarer: false, reasonPlaceChange: 'CREQB' }, context));
    assert.ok(plan.kind === 'new' && plan.end.reasonPlaceChange === 'CREQB' && plan.start.reasonNewEpisode === 'P');
  });

  it('a move to or from a temporary placement has no placement reason (rule 226)', () => {
    const holiday = change({ placementType: 'T3', placementProvider: null, urn: null, placementPostcode: null, carerName: 'Respite carer', reasonPlaceChange: 'OTHER' });
    const plan = planOf(planChange([foster], holiday, context));
    assert.ok(plan.kind === 'new' && plan.end.reasonPlaceChange === null && plan.start.reasonNewEpisode === 'P');
  });

  it('refuses nothing changed, a date before the episode or in the future, and provider/URN mistakes', () => {
    assert.match(problemsOf(planChange([foster], change(), context)).join(), /Nothing has changed/);
    assert.match(problemsOf(planChange([foster], change({ date: '2026-01-01', legalStatus: 'C1' }), context)).join(), /date: The date of the change must be on or after/);
    assert.match(problemsOf(planChange([foster], change({ date: '2026-05-01', legalStatus: 'C1' }), context)).join(), /today or in the past/);
    assert.match(problemsOf(planChange([foster], change({ legalStatus: 'C1', placementType: 'T1', placementProvider: 'PR1', urn: null, placementPostcode: null }), context)).join(), /Leave the provider blank/);
  });

  it('a second change on the same day corrects the episode rather than making a zero-length one', () => {
    const moved: EpisodeState = { ...foster, id: 'e2', startDate: '2026-03-02', reasonNewEpisode: 'P', carerName: 'Ms Birch', urn: 'SC100002', placementPostcode: 'ZZ99 3CC' };
    const ended = { ...foster };
    // The same day, the court makes an interim care order too: e2 becomes B against e1, and no e3 is made.
    const plan = planOf(planChange([ended, moved], change({ carerName: 'Ms Birch', urn: 'SC100002', placementPostcode: 'ZZ99 3CC', legalStatus: 'C1', sameCarer: false, reasonPlaceChange: 'CARPL' }), context));
    assert.equal(plan.kind, 'correct');
    if (plan.kind !== 'correct') return;
    assert.equal(plan.episodeId, 'e2');
    assert.equal(plan.values.reasonNewEpisode, 'B');
    assert.deepEqual(plan.previous, { episodeId: 'e1', reasonPlaceChange: 'CARPL' });
    // Correcting it back to exactly the episode before is no change at all.
    assert.match(problemsOf(planChange([ended, moved], change({ date: '2026-03-02' }), context)).join(), /same as the episode before it/);
  });

  it('a same-day correction of the first episode keeps RNE S and still cannot make it temporary (rule 380)', () => {
    const plan = planOf(planChange([foster], change({ date: foster.startDate, legalStatus: 'L1' }), context));
    assert.ok(plan.kind === 'correct' && plan.values.reasonNewEpisode === 'S' && plan.previous === null);
    const temp = planChange([foster], change({ date: foster.startDate, placementType: 'T0', placementProvider: null, urn: null, placementPostcode: null }), context);
    assert.match(problemsOf(temp).join(), /cannot start in a temporary placement/);
  });
});

describe('903 placement and age rules', () => {
  const details: PlacementDetails = { legalStatus: 'C2', placementType: 'U4', placementProvider: 'PR4', carerName: 'Carer', urn: 'SC123456', placementPostcode: 'ZZ99 1AA' };
  const check = (over: Partial<typeof details>, dateOfBirth = '2010-01-01') =>
    placementProblems({ ...details, ...over }, { dateOfBirth, date: '2026-03-01' }).map((p) => `${p.field}: ${p.message}`).join(' | ');

  it('requires a provider except for temporary and other placements; PR0 only with P1 (550)', () => {
    assert.equal(check({}), '');
    assert.match(check({ placementProvider: null }), /placementProvider: Select who provides/);
    assert.match(check({ placementProvider: 'PR0' }), /only be the provider when the child is placed with them/);
    assert.equal(check({ placementType: 'P1', placementProvider: 'PR0', urn: null }), '');
    assert.match(check({ placementType: 'P1', placementProvider: 'PR1', urn: null }), /local authority cannot be the provider/);
    assert.match(check({ placementType: 'K2', placementProvider: 'PR3' }), /Other public provision cannot/);
    assert.equal(check({ placementType: 'Z11', placementProvider: null, urn: null, placementPostcode: null }), '');
  });

  it('requires a URN for regulated placements and refuses one for P1, P3, R1, R2, R5, T and Z (218, 222)', () => {
    assert.match(check({ urn: null }), /urn: Enter the Ofsted URN/);
    assert.match(check({ urn: 'banana' }), /like SC123456/);
    assert.equal(check({ urn: 'XXXXXXX' }), '');
    assert.match(check({ placementType: 'R1', placementProvider: 'PR4' }), /Leave the Ofsted URN blank/);
    assert.equal(check({ placementType: 'R1', placementProvider: 'PR4', urn: null }), '');
  });

  it('checks ages: J codes 10+, K3 16+, R5 10+, S1 4+, P3 14+; V2 with P1; short breaks not temporary or long-term', () => {
    assert.match(check({ legalStatus: 'J1' }, '2017-01-01'), /legalStatus: .*aged 10 or over; the child is 9/);
    assert.equal(check({ legalStatus: 'J1' }, '2016-03-01'), '', 'ten on the day');
    assert.match(check({ placementType: 'K3', placementProvider: 'PR4' }, '2011-01-01'), /aged 16 or over; the child is 15/);
    assert.match(check({ placementType: 'S1', placementProvider: 'PR4' }, '2023-01-01'), /aged 4 or over/);
    assert.match(check({ placementType: 'P1', placementProvider: 'PR0', urn: null, legalStatus: 'V2' }), /section 20 cannot be placed with their parents/);
    assert.match(check({ legalStatus: 'V3' }), /short breaks cannot be in a temporary or long-term/);
  });

  it('a period cannot start in a temporary placement, before birth, or at 18 (380, 302, 352)', () => {
    assert.match(startProblems({ date: '2026-01-01', dateOfBirth: '2012-01-01', placementType: 'T4' })[0]!.message, /temporary/);
    assert.match(startProblems({ date: '2026-01-01', dateOfBirth: '2026-02-01', placementType: 'U6' })[0]!.message, /on or after their date of birth/);
    assert.match(startProblems({ date: '2026-01-01', dateOfBirth: '2008-01-01', placementType: 'U6' })[0]!.message, /18 or over/);
    assert.deepEqual(startProblems({ date: '2026-01-01', dateOfBirth: '2008-01-02', placementType: 'U6' }), []);
  });

  it('ceasing: reasons fit the age (adoption/SGO under 18, E5/E6 14+, E7 16+, E17 18+), never X1, never from temporary (381)', () => {
    const cease = (reason: string, dateOfBirth: string, currentPlacement = 'U4') => ceaseProblems({ reason, date: '2026-03-01', dateOfBirth, currentPlacement }).map((p) => p.message).join();
    assert.match(cease('E11', '2008-01-01'), /under 18; the young person is 18/);
    assert.equal(cease('E11', '2020-01-01'), '');
    assert.match(cease('E46', '2008-02-01'), /under 18/);
    assert.match(cease('E5', '2013-01-01'), /14 or over; the child is 13/);
    assert.equal(cease('E6', '2012-01-01'), '');
    assert.match(cease('E7', '2011-01-01'), /16 or over/);
    assert.match(cease('E17', '2009-01-01'), /18 or over; the child is 17/);
    assert.equal(cease('E17', '2008-03-01'), '', 'eighteen on the day');
    assert.match(cease('X1', '2012-01-01'), /Select why the child left care/);
    assert.match(cease('E4A', '2012-01-01', 'T2'), /cannot end in a temporary placement/);
  });

  it('review participation PN0 only under 4 (440, 441)', () => {
    assert.deepEqual(participationProblems({ participation: 'PN0', heldOn: '2026-03-01', dateOfBirth: '2023-01-01' }), []);
    assert.match(participationProblems({ participation: 'PN0', heldOn: '2026-03-01', dateOfBirth: '2022-03-01' })[0]!.message, /4 or over/);
    assert.match(participationProblems({ participation: 'PN1', heldOn: '2026-03-01', dateOfBirth: '2023-01-01' })[0]!.message, /under 4/);
  });

  it('ages count whole years to the day, 29 February included', () => {
    assert.equal(ageAt('2010-03-02', '2026-03-01'), 15);
    assert.equal(ageAt('2010-03-01', '2026-03-01'), 16);
    assert.equal(ageAt('2012-02-29', '2026-02-28'), 13);
  });
});

describe('the period of care state machine', () => {
  it('allows starting in a placement, moves, temporary placements and back, and ending from a placement', () => {
    for (const [from, to] of [['not_looked_after', 'placed'], ['placed', 'placed'], ['placed', 'temporary'], ['temporary', 'placed'], ['temporary', 'temporary'], ['placed', 'ended']] as const) {
      assert.doesNotThrow(() => periodMachine.assert(from, to), `${from} → ${to}`);
    }
  });

  it('refuses starting or ending in a temporary placement and anything after the end, with a clear message', () => {
    for (const [from, to] of [['not_looked_after', 'temporary'], ['temporary', 'ended'], ['ended', 'placed'], ['ended', 'temporary'], ['not_looked_after', 'ended']] as const) {
      assert.throws(() => periodMachine.assert(from, to), StateError, `${from} → ${to}`);
    }
    assert.throws(() => periodMachine.assert('temporary', 'ended'), /in a temporary placement, so it cannot be ended now\. From here it can only be: in placement, in a temporary placement/);
    assert.throws(() => periodMachine.assert('ended', 'placed'), /Nothing can follow this/);
  });

  it('reads the state from the period and its current placement', () => {
    assert.equal(periodState(null, null), 'not_looked_after');
    assert.equal(periodState({ end_date: null }, 'U4'), 'placed');
    assert.equal(periodState({ end_date: null }, 'T1'), 'temporary');
    assert.equal(periodState({ end_date: '2026-01-01' }, 'U4'), 'ended');
  });
});
