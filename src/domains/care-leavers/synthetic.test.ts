import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addCalendarDays, addMonths } from '../../platform/calendar/working-days.ts';
import { CARE_LEAVER_IN_TOUCH } from '../../platform/codes/ssda903.ts';
import { collectingContext, emptyJourney } from '../../synthetic/context.test-support.ts';
import type { CareLeaverSpell, EpisodeSpell, Journey } from '../../synthetic/types.ts';
import { ageOn, birthdayWindows, contactProblems } from './oc3.ts';
import { synthesise } from './synthetic.ts';

const END = '2026-03-31';
const leaver = (over: Partial<CareLeaverSpell> = {}): CareLeaverSpell => ({ id: 'leaver-1', eligibility: 'former_relevant', openedOn: '2022-06-01', closedOn: null, closedReason: null, ...over });

/** A young person born 2004-06-01 who left care on their 18th birthday. */
function journey(spell: CareLeaverSpell, dateOfBirth = '2004-06-01'): Journey {
  const j = emptyJourney(dateOfBirth);
  const episode: EpisodeSpell = {
    id: 'episode-1', referralDate: '2019-01-10', source: '5A', contactId: null, reReferral: false, referralNfa: false, primaryNeed: 'N1',
    assessment: null, cinPlans: [], strategy: null, section47: null, cpPlans: [],
    carePeriods: [{ id: 'period-1', startDate: '2019-02-01', endDate: '2022-06-01', categoryOfNeed: 'N1', uasc: false, episodes: [] }],
    closureDate: '2022-06-01', closureReason: 'RC1', phases: [],
  };
  return { ...j, episodes: [episode], careLeaver: spell };
}

function run(j: Journey, seed = 1, end = END) {
  const { ctx, rows } = collectingContext(end, seed);
  synthesise(j, ctx);
  return rows;
}

const dated = (rows: Record<string, unknown>[] | undefined, key: string) => (rows ?? []).map((r) => r[key] as string);

describe('care leavers synthesise', () => {
  it('opens the record on the spell with the leaving care worker as personal adviser, open at the end', () => {
    const rows = run(journey(leaver()));
    assert.equal(rows.care_leavers?.length, 1);
    const row = rows.care_leavers![0]!;
    assert.equal(row.id, 'leaver-1');
    assert.equal(row.person_id, 'child-1');
    assert.equal(row.personal_adviser_id, 'worker-leaving-1');
    assert.equal(row.eligibility, 'former_relevant');
    assert.equal(row.closed_on, null);
    assert.equal(row.closed_reason, null);
    for (const t of ['care_leaver_contacts', 'pathway_plans'] as const) for (const r of rows[t]!) assert.equal(r.care_leaver_id, 'leaver-1');
    const types = new Set(rows.chronology!.map((c) => c.entry_type));
    for (const t of ['care_leaver.opened', 'care_leaver.adviser', 'care_leaver.pathway_plan', 'care_leaver.pathway_plan_review', 'care_leaver.contact']) assert.ok(types.has(t), t);
    assert.ok(rows.chronology!.every((c) => c.record_type === 'care_leaver' && c.record_id === 'leaver-1'));
  });

  it('keeps in touch about every 8 weeks, with every 17th–21st birthday answered for the OC3', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rows = run(journey(leaver()), seed);
      const dates = dated(rows.care_leaver_contacts, 'contact_date');
      assert.ok(dates.length >= 20, `seed ${seed}: ${dates.length} contacts`);
      for (let i = 1; i < dates.length; i++) {
        const gap = (Date.parse(dates[i]!) - Date.parse(dates[i - 1]!)) / 86_400_000;
        assert.ok(gap > 0 && gap <= 90, `seed ${seed}: gap of ${gap} days`);
      }
      assert.ok(addCalendarDays(dates.at(-1)!, 90) >= END, 'the last contact is recent');
      const record = { dateOfBirth: '2004-06-01', eligibility: 'former_relevant' as const, openedOn: '2022-06-01', closedOn: null };
      const windows = birthdayWindows(record, dates.map((contact_date) => ({ contact_date })), END);
      for (const w of windows.filter((x) => x.from > addCalendarDays(record.openedOn, 60) && x.to <= END)) assert.equal(w.status, 'recorded', `seed ${seed}: age ${w.age}`);
    }
  });

  it('records OC3 answers the 903 rules accept', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      for (const r of run(journey(leaver({ eligibility: 'relevant', openedOn: '2021-01-10' }), '2004-06-01'), seed).care_leaver_contacts!) {
        assert.ok((r.in_touch as string) in CARE_LEAVER_IN_TOUCH);
        const accom = r.accommodation as string | null;
        const answers = {
          inTouch: r.in_touch as string,
          accommodation: accom ? accom[0]! : null,
          suitable: accom && accom !== '0' ? (accom.endsWith('1') ? 'yes' as const : 'no' as const) : null,
          activity: r.activity as string | null,
        };
        if (accom === '0') answers.accommodation = '0';
        assert.deepEqual(contactProblems(answers, ageOn('2004-06-01', r.contact_date as string)), [], JSON.stringify(r));
        if (accom) assert.match(accom, /^([A-Z][12]|0)$/);
      }
    }
  });

  it('reviews the pathway plan on the 6-month clock, leaving the review after the end to fall due', () => {
    const rows = run(journey(leaver()));
    const plans = rows.pathway_plans!;
    assert.ok(plans.length >= 6);
    assert.ok((plans[0]!.plan_date as string) <= addMonths('2022-06-01', 5));
    for (const [i, p] of plans.entries()) {
      assert.equal(p.next_review_due, addMonths(p.plan_date as string, 6));
      if (i === 0) continue;
      const due = plans[i - 1]!.next_review_due as string;
      assert.ok((p.plan_date as string) >= addCalendarDays(due, -14) && (p.plan_date as string) <= addCalendarDays(due, 45));
    }
    assert.ok(addCalendarDays(plans.at(-1)!.next_review_due as string, 45) > END);
  });

  it('writes nothing after the end, and nothing for a record opened after it', () => {
    const rows = run(journey(leaver()), 3, '2023-02-15');
    for (const d of [...dated(rows.care_leaver_contacts, 'contact_date'), ...dated(rows.pathway_plans, 'plan_date')]) assert.ok(d <= '2023-02-15', d);
    for (const c of rows.chronology!) assert.ok((c.occurred_at as Date) < new Date('2023-02-16T00:00:00Z'));
    assert.deepEqual(run(journey(leaver({ openedOn: '2023-03-01' })), 1, '2023-02-15'), {});
  });

  it('stops the work at closure and records why it closed', () => {
    const rows = run(journey(leaver({ closedOn: '2024-01-20', closedReason: 'moved_away' })));
    assert.equal(rows.care_leavers![0]!.closed_on, '2024-01-20');
    assert.equal(rows.care_leavers![0]!.closed_reason, 'moved_away');
    for (const d of [...dated(rows.care_leaver_contacts, 'contact_date'), ...dated(rows.pathway_plans, 'plan_date')]) assert.ok(d < '2024-01-20', d);
    const closed = rows.chronology!.find((c) => c.entry_type === 'care_leaver.closed');
    assert.equal(closed?.summary, 'Care leaver record closed: moved to another local authority, which now supports them');
  });

  it('a closure after the end leaves the record open', () => {
    const rows = run(journey(leaver({ closedOn: '2027-06-01', closedReason: 'reached_25' })));
    assert.equal(rows.care_leavers![0]!.closed_on, null);
    assert.equal(rows.care_leavers![0]!.closed_reason, null);
  });

  it('gives a qualifying care leaver advice and keeping in touch but no pathway plan', () => {
    const rows = run(journey(leaver({ eligibility: 'qualifying', openedOn: '2022-09-01' })));
    assert.equal(rows.pathway_plans, undefined);
    assert.ok(rows.care_leaver_contacts!.length > 5);
  });

  it('an eligible child who then leaves care becomes relevant, as leaving care records it', () => {
    const rows = run(journey(leaver({ eligibility: 'eligible', openedOn: '2021-07-01' })));
    assert.equal(rows.care_leavers![0]!.eligibility, 'former_relevant', 'left care on their 18th birthday');
    const entries = rows.chronology!.filter((c) => c.entry_type === 'care_leaver.opened').map((c) => c.summary);
    assert.deepEqual(entries, ['Care leaver record opened (eligible) from 2021-07-01', 'Care leaver eligibility changed to former relevant from 2022-06-01']);
  });

  it('gives every row of a table the same columns, and the same rows from the same seed', () => {
    const a = run(journey(leaver({ closedOn: '2025-02-01', closedReason: 'no_longer_needs' })), 9);
    const b = run(journey(leaver({ closedOn: '2025-02-01', closedReason: 'no_longer_needs' })), 9);
    assert.deepEqual(a, b);
    for (const [table, list] of Object.entries(a)) {
      const keys = Object.keys(list![0]!).sort().join();
      for (const r of list!) assert.equal(Object.keys(r).sort().join(), keys, table);
    }
  });
});
