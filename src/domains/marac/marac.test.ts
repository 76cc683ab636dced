import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { DEMO_PASSWORD } from '../../demo/organisation.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { SAM } from '../early-help/fixtures.test-support.ts';
import { insertTestPerson } from '../people/fixtures.test-support.ts';
import { financialYear } from '../../platform/calendar/financial-year.ts';
import { isRepeat, repeatWindowStart } from './repeat.ts';
import { referralFields } from './schema.ts';
import { CHILD_CHRONOLOGY_SUMMARY } from './service.ts';

const DANA = 'dana.okafor@cairn.example';
const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });
const referral = (victim: string, children: string[], key: string, overrides: Record<string, unknown> = {}) => ({
  action: 'save', victim, child: children, idempotencyKey: key,
  referringAgency: 'police', referrerName: 'PC Larkfield', ...dateFields('referredOn', ukToday()), riskBasis: 'dash', dashScore: '17', riskReason: '', ...overrides,
});

describe('MARAC rules', () => {
  it('counts a referral within the 12 months after the last one as a repeat, and not one after', () => {
    assert.equal(repeatWindowStart('2026-05-10'), '2025-05-10');
    assert.equal(isRepeat('2026-05-10', '2025-05-10'), true, 'exactly 12 months before');
    assert.equal(isRepeat('2026-05-10', '2025-05-09'), false, 'a day more than 12 months before');
    assert.equal(isRepeat('2026-05-10', null), false);
  });

  it('takes a DASH score from 0 to 27, or a reason for professional judgement or escalation', () => {
    const base = { referringAgency: 'idva', referrerName: 'A', referredOn: '2026-01-05', riskReason: '' };
    assert.equal(referralFields.safeParse({ ...base, riskBasis: 'dash', dashScore: '14' }).success, true);
    assert.equal(referralFields.safeParse({ ...base, riskBasis: 'dash', dashScore: '0' }).success, true);
    for (const bad of ['28', '-1', '12.5', 'high', '']) assert.equal(referralFields.safeParse({ ...base, riskBasis: 'dash', dashScore: bad }).success, false, bad);
    assert.equal(referralFields.safeParse({ ...base, riskBasis: 'professional_judgement', dashScore: '9' }).success, false, 'a reason is needed');
    assert.equal(referralFields.safeParse({ ...base, riskBasis: 'escalation', dashScore: '', riskReason: 'Third incident in a month' }).success, true);
  });
});

describe('MARAC', () => {
  let t: TestApp;
  let dana: TestClient;
  let victim: string;
  let perpetrator: string;
  let child: string;
  before(async () => {
    t = await testApp({ children: 10 });
    dana = await t.signedIn(DANA);
    victim = await insertTestPerson(t.db, { givenName: 'Maelis', familyName: 'Corrow', dateOfBirth: '1990-02-14', personType: 'adult' });
    perpetrator = await insertTestPerson(t.db, { givenName: 'Tobin', familyName: 'Corrow', dateOfBirth: '1987-11-30', personType: 'adult' });
    child = await insertTestPerson(t.db, { givenName: 'Ivy', familyName: 'Corrow', dateOfBirth: '2018-06-01' });
  });
  after(() => t.close());

  async function refer(who = victim, kids: string[] = [child], overrides: Record<string, unknown> = {}): Promise<string> {
    const saved = await dana.post('/marac/new', referral(who, kids, uuidv7(), overrides));
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 2000));
    return String(saved.headers.location).split('/').pop()!;
  }
  const versionOf = async (id: string) => (await t.db.selectFrom('marac_cases').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

  it('finds the people in the index, keeps bad input with errors, records one case per submission and tells the child’s chronology only that', async () => {
    const found = await dana.post('/marac/new', { action: 'search', searchName: 'Corrow' });
    assert.equal(found.statusCode, 200);
    assert.match(found.body, /Choose <span class="govuk-visually-hidden">Maelis Corrow <\/span>as the victim/);
    assert.match(found.body, /Add <span class="govuk-visually-hidden">Ivy Corrow <\/span>as a child in the household/);
    assert.equal((await dana.post('/marac/new', { action: `victim:${child}` })).statusCode, 400, 'a child is not the victim here');
    const chosen = await dana.post('/marac/new', { action: `perpetrator:${perpetrator}`, victim, child: [child] });
    assert.match(chosen.body, new RegExp(`name="perpetrator" value="${perpetrator}"`));
    assert.equal((await dana.post('/marac/new', { action: 'continue', child: [child] })).statusCode, 400, 'the victim is required');

    const key = uuidv7();
    const bad = await dana.post('/marac/new', referral(victim, [child], key, { perpetrator, dashScore: '31', referringAgency: '', referrerName: 'DS Orla Penhallow' }));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /The DASH score must be a whole number from 0 to 27/);
    assert.match(bad.body, /Select the referring agency/);
    assert.match(bad.body, /DS Orla Penhallow/, 'what was typed is kept');
    const future = await dana.post('/marac/new', referral(victim, [child], key, { ...dateFields('referredOn', addCalendarDays(ukToday(), 2)) }));
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /The date referred must be today or in the past/);

    const first = await dana.post('/marac/new', referral(victim, [child], key, { perpetrator }));
    assert.equal(first.statusCode, 303, first.body.slice(0, 2000));
    const again = await dana.post('/marac/new', referral(victim, [child], key, { perpetrator }));
    assert.equal(again.headers.location, first.headers.location, 'a double submit is one case');
    const id = String(first.headers.location).split('/').pop()!;
    const row = await t.db.selectFrom('marac_cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.perpetrator_id, perpetrator);
    assert.equal(row.dash_score, 17);
    assert.equal(row.repeat_of, null, 'a first referral is not a repeat');

    const chronology = await t.db.selectFrom('chronology').select(['summary', 'entry_type']).where('person_id', '=', child).where('record_id', '=', id).execute();
    assert.deepEqual(chronology, [{ summary: CHILD_CHRONOLOGY_SUMMARY, entry_type: 'marac.referred' }]);
    const sam = await t.signedIn(SAM);
    const childPage = await sam.get(`/people/${child}/chronology`);
    assert.equal(childPage.statusCode, 200);
    assert.match(childPage.body, /Discussed at MARAC \(domestic abuse\)/, 'social care sees that the child was discussed');
    assert.doesNotMatch(childPage.body, /Tobin Corrow|DASH/, 'and nothing of the discussion');

    const page = await dana.get(`/marac/cases/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /DASH score 17 of 27/);
    assert.match(page.body, /Tobin Corrow/);
  });

  it('starts with demo cases at different stages, a repeat and the next meeting a week away', async () => {
    const demo = await t.db.selectFrom('marac_cases').select(['repeat_of', 'closed_on']).execute();
    assert.ok(demo.length >= 4);
    assert.ok(demo.some((c) => c.repeat_of), 'a repeat');
    assert.ok(demo.some((c) => c.closed_on) && demo.some((c) => !c.closed_on), 'open and closed cases');
    const list = await dana.get('/marac');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Next meeting: <a class="govuk-link" href="\/marac\/meetings\//);
    assert.match(list.body, /Repeat/);
    assert.match(list.body, /On the next agenda/);
    const figures = await dana.get('/marac/figures');
    assert.equal((figures.body.match(/\d{4}\/\d{2}<\/t[hd]>/g) ?? []).length >= 2, true, 'this year and last');
  });

  it('flags a second referral of the same victim within 12 months as a repeat', async () => {
    const other = await insertTestPerson(t.db, { givenName: 'Sabeen', familyName: 'Harrowgate', dateOfBirth: '1982-04-04', personType: 'adult' });
    const earlier = await refer(other, [], { ...dateFields('referredOn', addCalendarDays(ukToday(), -400)) });
    const later = await refer(other, [], { ...dateFields('referredOn', addCalendarDays(ukToday(), -30)) });
    const third = await refer(other, [], { riskBasis: 'escalation', dashScore: '', riskReason: 'Further incident reported by the IDVA' });
    const rows = await t.db.selectFrom('marac_cases').select(['id', 'repeat_of']).where('victim_id', '=', other).execute();
    const repeatOf = new Map(rows.map((r) => [r.id, r.repeat_of]));
    assert.equal(repeatOf.get(earlier), null);
    assert.equal(repeatOf.get(later), null, 'more than 12 months after the first');
    assert.equal(repeatOf.get(third), later, 'within 12 months of the last');
    const list = await dana.get('/marac');
    assert.match(list.body, /Repeat/);
    assert.match((await dana.get(`/marac/cases/${third}`)).body, /Previous case/);
  });

  it('lets the coordinator open the children on a case but not an unrelated child, and keeps social workers out', async () => {
    const id = await refer();
    assert.equal((await dana.get(`/people/${child}`)).statusCode, 200, 'a child named on a case');
    const unrelated = await insertTestPerson(t.db, { givenName: 'Rowan', familyName: 'Pellworth', dateOfBirth: '2015-03-03' });
    const refused = await dana.get(`/people/${unrelated}`);
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, new RegExp(`/people/${unrelated}/break-glass`), 'emergency access is offered');
    const involvement = await t.db.selectFrom('involvements').select(['basis', 'end_date']).where('person_id', '=', child).where('source_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(involvement.basis, 'marac');

    const sam = await t.signedIn(SAM);
    for (const url of ['/marac', '/marac/new', '/marac/figures', '/marac/meetings', `/marac/cases/${id}`, `/marac/cases/${id}/close`]) assert.equal((await sam.get(url)).statusCode, 403, url);
    assert.doesNotMatch((await sam.get('/people')).body, /href="\/marac"/);
    assert.match((await dana.get('/marac')).body, /href="\/marac"/);
    assert.equal((await dana.get(`/marac/cases/${uuidv7()}`)).statusCode, 404);

    // The police host the MARAC, but a case opens its people to the MARAC alone, not to every officer.
    const police = await t.db.selectFrom('agencies').select('id').where('kind', '=', 'police').executeTakeFirstOrThrow();
    await t.db.insertInto('users').values({ email: 'officer.marac-test@cairn.example', name: 'Test Officer', agency_id: police.id, roles: ['practitioner'], password_hash: await hashPassword(DEMO_PASSWORD) }).execute();
    const officer = await t.signedIn('officer.marac-test@cairn.example');
    for (const person of [victim, child]) assert.equal((await officer.get(`/people/${person}`)).statusCode, 403, 'a police officer does not see a MARAC case’s people');
  });

  it('runs a meeting: agenda, information shared, actions by agency, and closes the case, refusing stale versions', async () => {
    const other = await insertTestPerson(t.db, { givenName: 'Lenka', familyName: 'Brightwater', dateOfBirth: '1995-09-09', personType: 'adult' });
    const kid = await insertTestPerson(t.db, { givenName: 'Oska', familyName: 'Brightwater', dateOfBirth: '2020-01-01' });
    const id = await refer(other, [kid], { referringAgency: 'idva' });
    const key = uuidv7();
    const noDate = await dana.post('/marac/meetings', { idempotencyKey: key });
    assert.equal(noDate.statusCode, 400);
    assert.match(noDate.body, /Enter the date of the meeting/);
    const scheduled = await dana.post('/marac/meetings', { idempotencyKey: key, ...dateFields('heldOn', ukToday()) });
    assert.equal(scheduled.statusCode, 303);
    assert.equal((await dana.post('/marac/meetings', { idempotencyKey: key, ...dateFields('heldOn', ukToday()) })).headers.location, scheduled.headers.location, 'a double submit is one meeting');
    const meetingId = String(scheduled.headers.location).split('/').pop()!;
    assert.equal((await dana.post(`/marac/meetings/${meetingId}/agenda`, { caseId: id })).statusCode, 303);
    assert.equal((await dana.post(`/marac/meetings/${meetingId}/agenda`, { caseId: id })).statusCode, 303, 'twice is once');
    const discussion = await t.db.selectFrom('marac_discussions').selectAll().where('case_id', '=', id).executeTakeFirstOrThrow();
    const meetingPage = await dana.get(`/marac/meetings/${meetingId}`);
    assert.match(meetingPage.body, /Lenka Brightwater/);
    assert.match(meetingPage.body, /Record the discussion/);

    const url = `/marac/meetings/${meetingId}/discussions/${discussion.id}`;
    assert.equal((await dana.get(url)).statusCode, 200);
    const form = { summary: 'Police shared two call-outs; health visitor concerned about the baby.', outcome: 'carried', version: String(discussion.version),
      actionWhat0: 'Fit a door alarm', actionAgency0: 'housing', actionOwner0: 'Housing officer', ...dateFields('actionDue0', addCalendarDays(ukToday(), 7)),
      actionWhat1: 'Safety plan with the victim', actionAgency1: '', actionOwner1: 'IDVA' };
    const half = await dana.post(url, form);
    assert.equal(half.statusCode, 400);
    assert.match(half.body, /Select the agency that will do it/);
    assert.match(half.body, /Fit a door alarm/, 'what was typed is kept');
    const ok = { ...form, actionAgency1: 'idva', ...dateFields('actionDue1', addCalendarDays(ukToday(), -1)) };
    const early = await dana.post(url, ok);
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /cannot be due before the meeting/);
    const good = { ...ok, ...dateFields('actionDue1', addCalendarDays(ukToday(), 14)) };
    assert.equal((await dana.post(url, good)).statusCode, 303);
    assert.equal((await dana.post(url, good)).statusCode, 409, 'recorded once');
    const actions = await t.db.selectFrom('marac_actions').selectAll().where('case_id', '=', id).orderBy('due_on').execute();
    assert.deepEqual(actions.map((a) => a.agency), ['housing', 'idva']);

    const done = await dana.post(`/marac/cases/${id}/actions/${actions[0]!.id}/done`, { version: String(actions[0]!.version) });
    assert.equal(done.statusCode, 303);
    assert.equal((await dana.post(`/marac/cases/${id}/actions/${actions[0]!.id}/done`, { version: String(actions[0]!.version) })).statusCode, 409);
    const page = await dana.get(`/marac/cases/${id}`);
    assert.match(page.body, /Police shared two call-outs/);
    assert.match(page.body, /Carried to the next meeting/);
    assert.match(page.body, /Action done \(Housing\): Fit a door alarm/);

    const version = String(await versionOf(id));
    const noReason = await dana.post(`/marac/cases/${id}/close`, { ...dateFields('closedOn', ukToday()), version });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Select why the case is closing/);
    assert.equal((await dana.post(`/marac/cases/${id}/close`, { reason: 'actions_complete', ...dateFields('closedOn', ukToday()), version: String(Number(version) + 5) })).statusCode, 409, 'a stale version');
    assert.equal((await dana.post(`/marac/cases/${id}/close`, { reason: 'actions_complete', ...dateFields('closedOn', ukToday()), version })).statusCode, 303);
    const ended = await t.db.selectFrom('involvements').select('end_date').where('source_id', '=', id).execute();
    assert.ok(ended.length === 2 && ended.every((i) => i.end_date === ukToday()), 'the involvements end when the case closes');
    assert.match((await dana.get(`/marac/cases/${id}`)).body, /Closed on/);
    const closedCase = await dana.post(`/marac/meetings/${meetingId}/agenda`, { caseId: id });
    assert.equal(closedCase.statusCode, 409, 'a closed case goes on no agenda');
    assert.match(closedCase.body, /This case is closed/);

    const figures = await dana.get('/marac/figures');
    assert.equal(figures.statusCode, 200);
    assert.match(figures.body, /Referrals by agency/);
    assert.match(figures.body, /IDVA service/);
    // This year's row, worked out again from the records.
    const fy = financialYear(ukToday());
    const [from, to] = [`${fy.slice(0, 4)}-04-01`, `${Number(fy.slice(0, 4)) + 1}-03-31`];
    const referred = await t.db.selectFrom('marac_cases').select(['id', 'repeat_of']).where('referred_on', '>=', from).where('referred_on', '<=', to).execute();
    const kids = referred.length ? await t.db.selectFrom('marac_case_children').select('person_id').where('case_id', 'in', referred.map((r) => r.id)).execute() : [];
    const discussedIds = await t.db.selectFrom('marac_discussions as d').innerJoin('marac_meetings as m', 'm.id', 'd.meeting_id').select('d.case_id').distinct().where('d.outcome', 'is not', null).where('m.held_on', '>=', from).where('m.held_on', '<=', to).execute();
    const row = figures.body.split('<tr').find((r) => r.includes(`>${fy}</`))!;
    const cells = [...row.matchAll(/<td[^>]*>\s*([^<]*?)\s*<\/td>/g)].map((m) => m[1]).slice(1);
    assert.equal(cells[0], String(referred.length));
    assert.equal(cells[1], String(discussedIds.length));
    assert.match(cells[2]!, new RegExp(`^${referred.filter((r) => r.repeat_of).length}( |$)`));
    assert.equal(cells[3], String(kids.length));
  });
});
