import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { agencyId, insertTestPerson, userId } from '../../people/fixtures.test-support.ts';
import { type AnnexA, type AnnexAList, annexAWorkbook, buildAnnexA } from './index.ts';

/**
 * Annex A from a small database with known records: each list's rows and cells for children recorded by hand, the
 * workbook read back, look-back periods, a restricted child still listed, and nothing that names a child.
 */
const AS_AT = '2026-03-31';
const SETTINGS = { laCode: '873', softwareCode: 'Cairn', release: '1' };
const NIA = 'nia.brooks@cairn.example';
const FREE_TEXT = 'QUILLFEATHER-FREE-TEXT';

describe('Ofsted Annex A', () => {
  let t: TestApp;
  let annex: AnnexA;
  const ids: Record<string, string> = {};
  const returnIds: Record<string, string> = {};

  const person = async (key: string, extra: { restricted?: boolean; dateOfBirth?: string } = {}) => {
    const id = await insertTestPerson(t.db, { givenName: 'Zephyrine', familyName: `Quillfeather${key}`, dateOfBirth: extra.dateOfBirth ?? '2015-03-27', restricted: extra.restricted });
    await t.db.updateTable('people').set({ sex: 'M', ethnicity: 'MWBA', disabilities: key === 'care' ? ['AUT'] : ['NONE'] }).where('id', '=', id).execute();
    ids[key] = id;
    returnIds[key] = (await t.db.selectFrom('people').select('return_id').where('id', '=', id).executeTakeFirstOrThrow()).return_id;
    return id;
  };

  before(async () => {
    t = await testApp({ children: 10 });
    const db = t.db;
    const nia = await userId(db, NIA);
    const team = await db.insertInto('teams').values({ agency_id: (await agencyId(db, 'social_care'))!, name: 'Annex Test Team', created_by: null }).returning('id').executeTakeFirstOrThrow();
    const school = await agencyId(db, 'education');
    const base = { created_by: nia };

    // A restricted child through the front door to a child protection plan.
    const a = await person('protection', { restricted: true });
    const contact = await db
      .insertInto('contacts')
      .values({ received_at: new Date('2026-02-10T10:00:00Z'), decision_due: '2026-02-11', source: 'police', referrer_name: 'PC Quillfeather', made_by_agency_id: school, reason: FREE_TEXT, consent: 'given', urgency: 'standard', ...base })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('contact_people').values({ contact_id: contact.id, person_id: a, role: 'child', relationship: null }).execute();
    await db.insertInto('cin_episodes').values({ person_id: a, referral_date: '2025-06-01', referral_source: '2A', referral_reason: FREE_TEXT, closure_date: '2025-07-01', closure_reason: 'RC8', ...base }).execute();
    const episode = await db
      .insertInto('cin_episodes')
      .values({ person_id: a, referral_date: '2026-02-11', referral_source: '6', referral_reason: FREE_TEXT, contact_id: contact.id, re_referral: true, primary_need: 'N1', ...base })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('assessments')
      .values({ episode_id: episode.id, person_id: a, start_date: '2026-02-12', due_date: '2026-04-15', status: 'authorised', child_seen_date: '2026-02-14', authorised_date: '2026-03-01', outcome: 'strategy_discussion', analysis: FREE_TEXT, ...base })
      .execute();
    const strategy = await db
      .insertInto('strategy_discussions')
      .values({ episode_id: episode.id, person_id: a, held_on: '2026-03-02', format: 'meeting', concerns: FREE_TEXT, decision: 'section_47', decision_reasons: FREE_TEXT, ...base })
      .returning('id')
      .executeTakeFirstOrThrow();
    const s47 = await db
      .insertInto('section_47_enquiries')
      .values({ episode_id: episode.id, person_id: a, strategy_id: strategy.id, start_date: '2026-03-02', icpc_target: '2026-03-23', completed_date: '2026-03-10', outcome: 'conference', ...base })
      .returning('id')
      .executeTakeFirstOrThrow();
    const plan = await db
      .insertInto('cp_plans')
      .values({ episode_id: episode.id, person_id: a, start_date: '2026-03-16', initial_category: 'NEG', categories: ['NEG', 'EMO'], previous_plans: 1, ...base })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('cp_conferences')
      .values({ episode_id: episode.id, person_id: a, kind: 'initial', section_47_id: s47.id, plan_id: plan.id, due_date: '2026-03-23', held_on: '2026-03-16', decision: 'plan', summary: FREE_TEXT, ...base })
      .execute();
    await db.insertInto('visits').values({ person_id: a, visit_date: '2026-03-25', purpose: 'child_protection', child_seen: true, seen_alone: true, visited_by: nia, notes: FREE_TEXT, ...base }).execute();
    await db.insertInto('case_allocations').values({ person_id: a, worker_id: nia, team_id: team.id, start_date: '2026-02-11', reason: 'FCONTA', ...base }).execute();
    const ehCase = await db
      .insertInto('early_help_cases')
      .values({ person_id: a, source: 'direct', locality: 'North', opened_on: '2026-01-02', ...base })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('early_help_assessments')
      .values({ case_id: ehCase.id, status: 'registered', started_on: '2026-01-05', registered_on: '2026-01-20', completing_agency_id: school, summary: FREE_TEXT, ...base })
      .execute();

    // A child in care: a legal status change without a move, a review, a visit, health checks, missing and absent.
    const c = await person('care', { dateOfBirth: '2012-05-04' });
    const period = await db.insertInto('care_periods').values({ person_id: c, start_date: '2025-12-01', category_of_need: 'N4', ...base }).returning('id').executeTakeFirstOrThrow();
    const placement = { placement_type: 'U6', placement_provider: 'PR1', carer_name: 'Mr and Mrs Alder', urn: 'SC100001', placement_postcode: 'ZZ99 1AA', home_postcode: 'ZZ99 2BB' };
    await db
      .insertInto('care_episodes')
      .values([
        { period_id: period.id, person_id: c, start_date: '2025-12-01', reason_new_episode: 'S', legal_status: 'V2', ...placement, end_date: '2026-01-15', reason_ceased: 'X1', ...base },
        { period_id: period.id, person_id: c, start_date: '2026-01-15', reason_new_episode: 'L', legal_status: 'C2', ...placement, end_date: '2026-03-28', reason_ceased: 'X1', ...base },
        // A few days in hospital: a temporary move, not a new placement.
        { period_id: period.id, person_id: c, start_date: '2026-03-28', reason_new_episode: 'T', legal_status: 'C2', ...placement, placement_type: 'T1', placement_provider: null, urn: null, placement_postcode: null, ...base },
      ])
      .execute();
    await db.insertInto('care_reviews').values({ period_id: period.id, person_id: c, due_date: '2025-12-30', held_on: '2026-02-20', participation: 'PN1', summary: FREE_TEXT, ...base }).execute();
    await db.insertInto('visits').values({ person_id: c, visit_date: '2026-03-20', purpose: 'looked_after', child_seen: true, seen_alone: false, visited_by: nia, notes: FREE_TEXT, ...base }).execute();
    await db
      .insertInto('care_checks')
      .values([
        { period_id: period.id, person_id: c, kind: 'review_health', done_on: '2026-01-10', ...base },
        { period_id: period.id, person_id: c, kind: 'dental', done_on: '2026-02-01', ...base },
      ])
      .execute();
    const away = { risk_level: 'medium' as const, circumstances: FREE_TEXT, ...base };
    await db
      .insertInto('missing_episodes')
      .values([
        { person_id: c, kind: 'missing', started_at: new Date('2026-02-01T20:00:00Z'), reported_at: new Date('2026-02-01T21:00:00Z'), returned_at: new Date('2026-02-02T09:00:00Z'), interview_offered_at: new Date('2026-02-03T09:00:00Z'), interview_accepted: false, ...away },
        { person_id: c, kind: 'absent', started_at: new Date('2026-03-01T20:00:00Z'), reported_at: new Date('2026-03-01T21:00:00Z'), returned_at: new Date('2026-03-01T23:00:00Z'), ...away },
      ])
      .execute();

    // A child adopted from care in the year.
    const d = await person('adopted', { dateOfBirth: '2022-01-01' });
    const adoption = await db.insertInto('care_periods').values({ person_id: d, start_date: '2024-06-01', end_date: '2026-02-01', category_of_need: 'N1', ...base }).returning('id').executeTakeFirstOrThrow();
    await db
      .insertInto('care_episodes')
      .values([
        { period_id: adoption.id, person_id: d, start_date: '2024-06-01', reason_new_episode: 'S', legal_status: 'C2', ...placement, end_date: '2025-08-01', reason_ceased: 'X1', ...base },
        { period_id: adoption.id, person_id: d, start_date: '2025-08-01', reason_new_episode: 'B', legal_status: 'E1', ...placement, placement_type: 'A5', end_date: '2026-02-01', reason_ceased: 'E11', ...base },
      ])
      .execute();

    // A care leaver with a pathway plan and a recent contact.
    const l = await person('leaver', { dateOfBirth: '2006-01-01' });
    const leaver = await db
      .insertInto('care_leavers')
      .values({ person_id: l, eligibility: 'former_relevant', personal_adviser_id: nia, opened_on: '2024-01-01', ...base })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('pathway_plans').values({ care_leaver_id: leaver.id, person_id: l, plan_date: '2026-01-05', next_review_due: '2026-07-05', summary: FREE_TEXT, ...base }).execute();
    await db.insertInto('care_leaver_contacts').values({ care_leaver_id: leaver.id, person_id: l, contact_date: '2026-03-01', in_touch: 'YES', accommodation: 'D1', activity: 'F2', notes: FREE_TEXT, ...base }).execute();

    // A child whose only contact and referral were before the six months.
    const o = await person('old');
    const oldContact = await db
      .insertInto('contacts')
      .values({ received_at: new Date('2025-08-01T10:00:00Z'), decision_due: '2025-08-04', source: 'school', referrer_name: 'Teacher', made_by_agency_id: school, reason: FREE_TEXT, consent: 'given', urgency: 'standard', ...base })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('contact_people').values({ contact_id: oldContact.id, person_id: o, role: 'child', relationship: null }).execute();
    await db.insertInto('cin_episodes').values({ person_id: o, referral_date: '2025-08-01', referral_source: '2A', referral_reason: FREE_TEXT, primary_need: 'N5', closure_date: '2025-08-20', closure_reason: 'RC7', ...base }).execute();

    // A record after the list's date is not on it either.
    const later = await db
      .insertInto('contacts')
      .values({ received_at: new Date('2026-04-02T10:00:00Z'), decision_due: '2026-04-03', source: 'school', referrer_name: 'Teacher', made_by_agency_id: school, reason: FREE_TEXT, consent: 'given', urgency: 'standard', ...base })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('contact_people').values({ contact_id: later.id, person_id: o, role: 'child', relationship: null }).execute();

    // A duplicate record merged into the old child's: its contact moved with it, so it is not listed itself.
    const merged = await person('merged');
    await db.updateTable('people').set({ merged_into: o }).where('id', '=', merged).execute();
    await db.insertInto('contact_people').values({ contact_id: contact.id, person_id: merged, role: 'child', relationship: null }).execute();

    // An episode that closed in the period, its worker's allocation ended with it.
    const closed = await person('closed');
    await db.insertInto('cin_episodes').values({ person_id: closed, referral_date: '2025-11-03', referral_source: '1A', referral_reason: FREE_TEXT, primary_need: 'N5', closure_date: '2026-01-10', closure_reason: 'RC7', ...base }).execute();
    await db.insertInto('case_allocations').values({ person_id: closed, worker_id: nia, team_id: team.id, start_date: '2025-11-03', end_date: '2026-01-10', reason: 'FCONTA', ...base }).execute();

    // An assessment under way on the list's date, the child not yet seen.
    const assessing = await person('assessing');
    const open = await db
      .insertInto('cin_episodes')
      .values({ person_id: assessing, referral_date: '2026-03-20', referral_source: '3E', referral_reason: FREE_TEXT, ...base })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('assessments').values({ episode_id: open.id, person_id: assessing, start_date: '2026-03-23', due_date: '2026-05-22', status: 'in_progress', ...base }).execute();

    annex = await buildAnnexA(db, AS_AT, SETTINGS);
  });
  after(() => t?.close());

  const list = (n: number) => annex.lists.find((l) => l.number === n)!;
  /** The rows of a list for one of the known children, each as header → cell. */
  const rowsOf = (l: AnnexAList, key: string) =>
    l.rows.filter((r) => r[0] === returnIds[key]).map((r) => Object.fromEntries(l.columns.map((c, i) => [c.header, r[i]])) as Record<string, unknown>);
  const only = (n: number, key: string) => {
    const rows = rowsOf(list(n), key);
    assert.equal(rows.length, 1, `list ${n} should have one row for ${key}, has ${rows.length}`);
    return rows[0]!;
  };

  it('builds the eleven lists in order with the common columns first', () => {
    assert.deepEqual(
      annex.lists.map((l) => l.number),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
    for (const l of annex.lists.filter((x) => x.number !== 11 && x.number !== 10)) {
      assert.deepEqual(
        l.columns.slice(0, 5).map((c) => c.header),
        ['Child Unique ID', 'Gender', 'Ethnicity', 'Date of Birth', 'Age of Child (Years)'],
      );
      for (const row of l.rows) assert.equal(row.length, l.columns.length);
    }
    assert.deepEqual(list(1).period, { from: '2025-09-30', to: AS_AT });
    assert.deepEqual(list(10).period, { from: '2025-03-31', to: AS_AT });
    assert.equal(list(11).rows.length, 0, 'Cairn holds no adopters');
  });

  it('list 1: a contact in the period with the referral’s census source, lettered', () => {
    const row = only(1, 'protection');
    assert.deepEqual(row, {
      'Child Unique ID': returnIds.protection,
      Gender: 'a) Male',
      Ethnicity: 'g) MWBA',
      'Date of Birth': '2015-03-27',
      'Age of Child (Years)': 11,
      'Date of Contact': '2026-02-10',
      'Contact Source': 'q) 6: Police',
    });
  });

  it('list 2: the early help assessment with its dates and the organisation that completed it', async () => {
    const row = only(2, 'protection');
    assert.equal(row['Assessment start date'], '2026-01-05');
    assert.equal(row['Assessment completion date'], '2026-01-20');
    const school = await t.db.selectFrom('agencies').select('name').where('kind', '=', 'education').executeTakeFirstOrThrow();
    assert.equal(row['Organisation completing assessment'], school.name);
  });

  it('list 3: the referral in the period, counting the earlier one in the year, with the allocated team and worker', () => {
    const row = only(3, 'protection');
    assert.equal(row['Date of referral'], '2026-02-11');
    assert.equal(row['Referral Source'], 'q) 6: Police');
    assert.equal(row['Referral NFA?'], 'b) No');
    assert.equal(row['Number of Referrals in Last 12 Months'], 2);
    assert.equal(row['Allocated Team'], 'Annex Test Team');
    assert.equal(row['Allocated Worker'], 'Nia Brooks');
  });

  it('list 4: the assessment, the child seen, authorised and needing support', () => {
    const row = only(4, 'protection');
    assert.equal(row['Does the Child have a Disability'], 'b) No');
    assert.equal(row['Continuous Assessment Start Date'], '2026-02-12');
    assert.equal(row['Child Seen During Continuous Assessment'], 'a) Yes');
    assert.equal(row['Continuous Assessment Date of Authorisation'], '2026-03-01');
    assert.equal(row["Was the child assessed as requiring LA children's social care support?"], 'a) Yes');
  });

  it('list 5: the section 47 enquiry from its strategy discussion to the initial conference and plan', () => {
    const row = only(5, 'protection');
    assert.equal(row['Strategy discussion initiating Section 47 Enquiry Start Date'], '2026-03-02');
    assert.equal(row['Was an Initial Child Protection Conference deemed unnecessary?'], 'b) No');
    assert.equal(row['Date of Initial Child Protection Conference'], '2026-03-16');
    assert.equal(row['Did the Initial Child Protection Conference Result in a Child Protection Plan'], 'a) Yes');
    assert.equal(row['Number of Section 47 Enquiries in the last 12 months'], 1);
    assert.equal(row['Number of ICPCs in the last 12 months'], 1);
  });

  it('list 6: the open episode with its need and status; the closed one before the period is not listed', () => {
    const row = only(6, 'protection');
    assert.equal(row['CIN Start Date'], '2026-02-11');
    assert.equal(row['Primary Need Code'], 'N1 - Abuse or neglect');
    assert.equal(row['Date Child Was Last Seen'], '2026-03-25');
    assert.equal(row['CIN Closure Date'], null);
    assert.equal(row['Reason for Closure'], null);
    assert.equal(row['Case Status'], 'b) Child Protection plan');
  });

  it('list 6: an episode closed in the period shows its closure and the worker who held it; one being assessed is an open assessment', () => {
    const closed = only(6, 'closed');
    assert.equal(closed['CIN Closure Date'], '2026-01-10');
    assert.equal(closed['Reason for Closure'], 'RC7 - Services ceased for any other reason, including no longer in need');
    assert.equal(closed['Case Status'], 'e) Closed episode');
    assert.equal(closed['Primary Need Code'], 'N5 - Family dysfunction');
    assert.equal(closed['Allocated Worker'], 'Nia Brooks');
    assert.equal(only(6, 'assessing')['Case Status'], 'd) Open assessment');
    assert.equal(only(6, 'assessing')['Allocated Worker'], null, 'no allocation recorded, none invented');
  });

  it('list 4: an assessment in progress, the child not yet seen, has no authorisation or outcome', () => {
    const row = only(4, 'assessing');
    assert.equal(row['Continuous Assessment Start Date'], '2026-03-23');
    assert.equal(row['Child Seen During Continuous Assessment'], 'b) No');
    assert.equal(row['Continuous Assessment Date of Authorisation'], null);
    assert.equal(row["Was the child assessed as requiring LA children's social care support?"], null);
    assert.equal(only(3, 'assessing')['Referral Source'], 'k) 3E: Health services');
  });

  it('list 7: the plan with its categories, last visit seen alone and previous plans', () => {
    const row = only(7, 'protection');
    assert.equal(row['Child Protection Plan Start Date'], '2026-03-16');
    assert.equal(row['Initial Category of Abuse'], 'a) Neglect');
    assert.equal(row['Latest Category of Abuse'], 'e) Multiple/not recommended');
    assert.equal(row['Date of the Last Statutory Visit'], '2026-03-25');
    assert.equal(row['Was the Child Seen Alone?'], 'a) Yes');
    assert.equal(row['Date of latest review conference'], null);
    assert.equal(row['Child Protection Plan End Date'], null);
    assert.equal(row['Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)'], 'b) No');
    assert.equal(row['Number of Previous Child Protection Plans'], 1);
  });

  it('list 8: the child in care as at the date, and the adopted child’s period with how it ended', () => {
    const row = only(8, 'care');
    assert.equal(row['Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)'], 'b) No');
    assert.equal(row['Does the Child have a Disability'], 'a) Yes');
    assert.equal(row['Date Started to be Looked After'], '2025-12-01');
    assert.equal(row["Child's Category of Need"], 'N4 - Family in acute stress');
    assert.equal(row['Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)'], 'b) No');
    assert.equal(row['Start date of current legal status'], '2026-01-15');
    assert.match(String(row["Child's Legal Status"]), /^C2: /);
    assert.equal(row['Date of Latest Statutory Review'], '2026-02-20');
    assert.equal(row['Date of Last IRO Visit / Contact to the Child'], '2026-02-20', 'the child attended the review the IRO chaired (PN1)');
    assert.equal(row['Date of Last Social Work Visit'], '2026-03-20');
    assert.equal(row['What is the permanence plan for this child?'], null);
    assert.equal(row['Date of Last Health Assessment'], '2026-01-10');
    assert.equal(row['Date of Last Dental Check'], '2026-02-01');
    assert.equal(row['Number of Placements in the Last 12 months'], 1, 'neither a change of legal status nor a stay in hospital is a new placement');
    assert.equal(row['Date Ceased to be Looked After'], null);
    assert.equal(row['Start Date of Most Recent Placement'], '2025-12-01');
    assert.match(String(row['Placement Type']), /^U6: /);
    assert.match(String(row['Placement Provider']), /^PR1: /);
    assert.equal(row['Placement postcode'], 'ZZ99 1AA');
    assert.equal(row['URN of Placement'], 'SC100001');
    assert.equal(row["Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months"], 1);
    assert.equal(row["Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months"], 1);
    assert.equal(row['Was the child offered a Return Interview after their last missing episode (Y/N)?'], 'a) Yes');
    assert.equal(row['Did the child accept a Return Interview after their last missing episode (Y/N)?'], 'b) No');

    const adopted = only(8, 'adopted');
    assert.equal(adopted['Date Ceased to be Looked After'], '2026-02-01');
    assert.match(String(adopted['Reason Ceased to be Looked After']), /^E11: /);
    assert.match(String(adopted["Child's Legal Status"]), /^E1: /);
  });

  it('list 9: the care leaver with adviser, eligibility, plan and latest contact', () => {
    const row = only(9, 'leaver');
    assert.equal(row['Allocated Personal Advisor'], 'Nia Brooks');
    assert.equal(row['Eligibility Category'], 'b) Former relevant child');
    assert.equal(row['Latest Pathway Plan Review Date'], '2026-01-05');
    assert.equal(row['LA in Touch'], 'a) Yes');
    assert.equal(row['Latest Date of Contact'], '2026-03-01');
    assert.match(String(row['Type of Accommodation']), /^D: /);
    assert.equal(row['Suitability of Accommodation'], 'a) Suitable');
    assert.match(String(row['Activity Status']), /^F2: /);
  });

  it('list 10: the adopted child from care to adoption order; columns Cairn does not hold stay empty', () => {
    const row = only(10, 'adopted');
    assert.equal(row['Date the Child Entered Care'], '2024-06-01');
    assert.equal(row['Date of Placement Order'], '2025-08-01');
    assert.equal(row['Date Placed for Adoption'], '2025-08-01');
    assert.equal(row['Date of Adoption Order'], '2026-02-01');
    assert.equal(row['Date of Decision that Child Should be Placed for Adoption'], null);
    assert.equal(row['Family identifier'], null);
    assert.equal(rowsOf(list(10), 'care').length, 0, 'a child in care with no adoption plan is not on the adoption list');
  });

  it('leaves out a child whose contact and referral were before the look-back period, or whose contact came after the date', () => {
    for (const l of annex.lists) assert.equal(rowsOf(l, 'old').length, 0, `list ${l.number} should not list the old child`);
    assert.equal(rowsOf(list(1), 'merged').length, 0, 'a record merged into another is not listed');
  });

  it('lists a restricted child like any other (Annex A is the authority’s own)', () => {
    assert.ok(rowsOf(list(7), 'protection').length === 1);
  });

  it('writes the workbook: one sheet per list, headers, dates as dates, dropdowns, and no names or free text', async () => {
    const buffer = await annexAWorkbook(annex);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    const lists = book.worksheets.filter((w) => w.state !== 'hidden');
    assert.deepEqual(
      lists.map((w) => w.name),
      annex.lists.map((l) => l.sheet),
    );
    const sheet = book.getWorksheet('List 7 Child protection')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(
      headers,
      list(7).columns.map((c) => c.header),
    );
    assert.equal(sheet.getRow(1).font?.bold, true);
    assert.equal(sheet.views[0]?.state, 'frozen');
    assert.ok(sheet.autoFilter, 'the header row has a filter');
    let found = false;
    sheet.eachRow((row, n) => {
      if (n === 1 || row.getCell(1).value !== returnIds.protection) return;
      found = true;
      assert.equal(row.getCell(2).value, 'a) Male');
      const start = row.getCell(7);
      assert.ok(start.value instanceof Date);
      assert.equal((start.value as Date).toISOString().slice(0, 10), '2026-03-16');
      assert.equal(start.numFmt, 'dd/mm/yyyy');
      assert.equal(row.getCell(8).value, 'a) Neglect');
      assert.equal(row.getCell(8).dataValidation?.type, 'list');
    });
    assert.ok(found, 'the restricted child’s plan is in the workbook');

    const names = await t.db.selectFrom('people').select(['given_name', 'family_name']).where('person_type', '!=', 'adult').execute();
    const everything: string[] = [];
    for (const w of lists) w.eachRow((row) => row.eachCell((cell) => everything.push(String(cell.value))));
    const text = everything.join('\n');
    assert.ok(!text.includes(FREE_TEXT), 'no free text in the workbook');
    assert.ok(!text.includes('Quillfeather') && !text.includes('Zephyrine'), 'no test child’s name in the workbook');
    const cells = new Set(everything);
    for (const n of names) {
      assert.ok(!text.includes(`${n.given_name} ${n.family_name}`), 'no child’s full name');
      assert.ok(!cells.has(n.given_name) && !cells.has(n.family_name), 'no child’s name as a cell');
    }
  });

  it('reports progress, one step per list and one for the children', async () => {
    const steps: [number, number][] = [];
    await buildAnnexA(t.db, AS_AT, SETTINGS, { onProgress: (done, total) => steps.push([done, total]) });
    assert.equal(steps.length, 12);
    assert.deepEqual(steps.at(-1), [12, 12]);
    await assert.rejects(buildAnnexA(t.db, '31/03/2026', SETTINGS), RangeError);
    await assert.rejects(buildAnnexA(t.db, '2026-02-30', SETTINGS), RangeError);
  });
});
