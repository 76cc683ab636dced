import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import { auditChange, authorise, authoriseCase, authorisePerson, loadPersonScope, type RequestContext, viewablePeople } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { CARE_LEAVER_ACCOMMODATION, CARE_LEAVER_ACTIVITY, CARE_LEAVER_IN_TOUCH } from '../../platform/codes/ssda903.ts';
import { ConflictError, FieldProblem, HttpError, NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { formatDate } from '../../platform/views/format.ts';
import { fullName } from '../people/names.ts';
import { chronicle, personHeading } from '../people/service.ts';
import { contactClock, pathwayPlanClock } from './clocks.ts';
import { CARE_LEAVER_MACHINE, CLOSURE_REASONS, ELIGIBILITY_LABELS } from './labels.ts';
import { accomCode, ageOn, birthdayWindows, contactProblems } from './oc3.ts';
import * as repo from './repository.ts';
import type { CloseInput, ContactInput, OpenInput, PlanInput } from './schema.ts';
import { CARE_LEAVER_RECORD, openCareLeaver } from './service.ts';


export class AlreadyOpenError extends HttpError {
  constructor(readonly careLeaverId: string) {
    super(409, 'This young person already has a care leaver record', 'This young person already has an open care leaver record. Change their status or personal adviser on it.');
  }
}

const stale = () => new ConflictError('Someone else changed this care leaver record while you were filling in the form. Nothing you entered has been saved.');
const teamOf = (row: repo.CareLeaverRow) => (row.personal_adviser_id ? [row.personal_adviser_id] : []);

/** A record for work: social care staff, or the personal adviser named on it. */
async function leaverForWork(ctx: RequestContext, id: string, options: { audit?: boolean } = {}) {
  const row = await repo.findCareLeaver(ctx.db, id);
  if (!row) throw new NotFoundError();
  const decision = await authoriseCase(ctx, row.person_id, teamOf(row), 'socialcare.work', options);
  return { row, decision };
}

/** Everything about one record, worked out for today: clocks, OC3 windows, history. */
async function assemble(db: Kysely<Database>, row: repo.CareLeaverRow, dateOfBirth: string | null, today: string) {
  const [contacts, plans] = await Promise.all([repo.contactsOf(db, [row.id]), repo.plansOf(db, [row.id])]);
  const r = { eligibility: row.eligibility, openedOn: row.opened_on, closedOn: row.closed_on, dateOfBirth };
  return {
    contacts,
    plans,
    planClock: pathwayPlanClock(r, plans[0] ?? null, today),
    contactClock: contactClock(r, contacts[0] ?? null, today),
    windows: birthdayWindows(r, contacts, today),
    age: dateOfBirth ? ageOn(dateOfBirth, today) : null,
  };
}

export async function careLeaverPage(ctx: RequestContext, id: string, today = ukToday()) {
  const row = await repo.findCareLeaver(ctx.db, id);
  if (!row) throw new NotFoundError();
  await authorisePerson(ctx, row.person_id, 'person.view');
  const heading = await personHeading(ctx, row.person_id);
  const scope = await loadPersonScope(ctx, row.person_id);
  const mayWork = Boolean(scope) && can(ctx.actor, 'socialcare.work', { kind: 'case', case: { person: scope!, teamUserIds: teamOf(row) } }).allowed;
  const adviser = row.personal_adviser_id ? await repo.userNameOf(ctx.db, row.personal_adviser_id) : null;
  return { row, heading, adviser, mayWork, ...(await assemble(ctx.db, row, heading.dateOfBirth, today)) };
}

/** The record of a person, if any (for the child's record and the API). */
export async function careLeaverOfPerson(ctx: RequestContext, personId: string) {
  await authorisePerson(ctx, personId, 'person.view');
  return (await repo.findCareLeaverByPerson(ctx.db, personId)) ?? null;
}

export async function formFor(ctx: RequestContext, id: string) {
  const { row } = await leaverForWork(ctx, id);
  return { row, heading: await personHeading(ctx, row.person_id), advisers: await repo.adviserChoices(ctx.db) };
}

export async function openForm(ctx: RequestContext, personId: string) {
  await authoriseCase(ctx, personId, [], 'socialcare.work');
  const [heading, existing, advisers] = await Promise.all([personHeading(ctx, personId), repo.findCareLeaverByPerson(ctx.db, personId), repo.adviserChoices(ctx.db)]);
  return { heading, existing: existing ?? null, advisers };
}

/** Which statuses fit an age: eligible and relevant are 16–17, former relevant 18–25, qualifying 16–25. */
export function eligibilityProblem(eligibility: OpenInput['eligibility'], age: number | null): string | null {
  if (age === null) return null;
  if (age < 16 || age > 25) return 'A care leaver record is for young people aged 16 to 25';
  if ((eligibility === 'eligible' || eligibility === 'relevant') && age > 17) return `${ELIGIBILITY_LABELS[eligibility].name} is for young people aged 16 or 17: at ${age}, choose former relevant or qualifying`;
  if (eligibility === 'former_relevant' && age < 18) return 'Former relevant is for young people aged 18 to 25';
  return null;
}

/**
 * Opens a care leaver record from the young person's record (say, an eligible 16-year-old still in care starting
 * a pathway plan). One record per person: an open one is refused (409); a closed one is reopened.
 */
export async function openFromRecord(ctx: RequestContext, personId: string, input: OpenInput & { idempotencyKey: string | null }): Promise<string> {
  const decision = await authoriseCase(ctx, personId, [], 'socialcare.work', { audit: false });
  const claim = input.idempotencyKey ? { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: CARE_LEAVER_RECORD } : null;
  const earlier = claim ? await findIdempotentResource(ctx.db, claim) : null;
  if (earlier) return earlier;
  const heading = await personHeading(ctx, personId);
  const existing = await repo.findCareLeaverByPerson(ctx.db, personId);
  if (existing && !existing.closed_on) throw new AlreadyOpenError(existing.id);
  if (input.openedOn > ukToday()) throw new FieldProblem('openedOn', 'The date the record starts must be today or in the past');
  const problem = eligibilityProblem(input.eligibility, heading.dateOfBirth ? ageOn(heading.dateOfBirth, input.openedOn) : null);
  if (problem) throw new FieldProblem('eligibility', problem);
  if (input.personalAdviserId && !(await repo.adviserChoices(ctx.db)).some((u) => u.id === input.personalAdviserId)) throw new FieldProblem('personalAdviserId', 'Select a personal adviser from the list');
  const resourceId = existing?.id ?? uuidv7();
  const write = async (trx: Kysely<Database>) => {
    const id = await openCareLeaver(trx, ctx, { personId, eligibility: input.eligibility, date: input.openedOn, id: resourceId });
    if (input.personalAdviserId) await setAdviser(trx, ctx, id, personId, input.personalAdviserId);
    await auditChange(trx, ctx, 'socialcare.work', personId, decision);
  };
  if (claim) return (await once(ctx.db, { ...claim, resourceId }, write)).id;
  await ctx.db.transaction().execute(write);
  return resourceId;
}

async function setAdviser(trx: Kysely<Database>, ctx: RequestContext, id: string, personId: string, adviserId: string) {
  const now = await repo.findCareLeaver(trx, id);
  if (!now || !(await repo.updateLeaverAtVersion(trx, id, now.version, { personal_adviser_id: adviserId }))) throw stale();
  const name = await repo.userNameOf(trx, adviserId);
  await chronicle(trx, ctx, personId, 'care_leaver.adviser', `Personal adviser: ${name}`, { type: CARE_LEAVER_RECORD, id });
}

export async function assignAdviser(ctx: RequestContext, id: string, input: { personalAdviserId: string; version: number }) {
  const { row, decision } = await leaverForWork(ctx, id, { audit: false });
  if (row.closed_on) throw new HttpError(409, 'This record is closed', 'This care leaver record is closed. Reopen it before changing the personal adviser.');
  if (row.version !== input.version) throw stale();
  if (!(await repo.adviserChoices(ctx.db)).some((u) => u.id === input.personalAdviserId)) throw new FieldProblem('personalAdviserId', 'Select a personal adviser from the list');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateLeaverAtVersion(trx, id, input.version, { personal_adviser_id: input.personalAdviserId }))) throw stale();
    await chronicle(trx, ctx, row.person_id, 'care_leaver.adviser', `Personal adviser: ${await repo.userNameOf(trx, input.personalAdviserId)}`, { type: CARE_LEAVER_RECORD, id });
    await auditChange(trx, ctx, 'socialcare.work', row.person_id, decision);
  });
}

function checkOpen(row: repo.CareLeaverRow) {
  if (row.closed_on) throw new HttpError(409, 'This record is closed', `This care leaver record closed on ${formatDate(row.closed_on)}. Nothing more can be recorded on it unless it is reopened.`);
}

/** Records a pathway plan (the first, from the needs assessment) or its review; the next review defaults to 6 months on. */
export async function recordPlan(ctx: RequestContext, id: string, input: PlanInput & { idempotencyKey: string | null }) {
  const { row, decision } = await leaverForWork(ctx, id, { audit: false });
  const claim = input.idempotencyKey ? { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'pathway_plan' } : null;
  const earlier = claim ? await findIdempotentResource(ctx.db, claim) : null;
  if (earlier) return earlier;
  checkOpen(row);
  if (input.planDate > ukToday()) throw new FieldProblem('planDate', 'The date of the plan must be today or in the past');
  if (input.nextReviewDue && input.nextReviewDue <= input.planDate) throw new FieldProblem('nextReviewDue', 'The next review must be after the plan');
  const next = input.nextReviewDue || dueDate('pathwayPlanReview', input.planDate);
  const first = !(await repo.plansOf(ctx.db, [id])).length;
  const planId = uuidv7();
  const write = async (trx: Kysely<Database>) => {
    await repo.insertPlan(trx, { id: planId, care_leaver_id: id, person_id: row.person_id, plan_date: input.planDate, next_review_due: next, accommodation: input.accommodation, activity: input.activity, summary: input.summary, created_by: ctx.actor.id });
    await chronicle(trx, ctx, row.person_id, first ? 'care_leaver.pathway_plan' : 'care_leaver.pathway_plan_review', `${first ? 'Pathway plan' : 'Pathway plan review'} on ${formatDate(input.planDate)}. Next review due ${formatDate(next)}`, { type: CARE_LEAVER_RECORD, id });
    await auditChange(trx, ctx, 'socialcare.work', row.person_id, decision);
  };
  if (claim) return (await once(ctx.db, { ...claim, resourceId: planId }, write)).id;
  await ctx.db.transaction().execute(write);
  return planId;
}

/** A keeping-in-touch contact, with the answers the 903 OC3 table asks (checked against its rules). */
export async function recordContact(ctx: RequestContext, id: string, input: ContactInput & { idempotencyKey: string | null }) {
  const { row, decision } = await leaverForWork(ctx, id, { audit: false });
  const claim = input.idempotencyKey ? { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'care_leaver_contact' } : null;
  const earlier = claim ? await findIdempotentResource(ctx.db, claim) : null;
  if (earlier) return earlier;
  checkOpen(row);
  if (input.contactDate > ukToday()) throw new FieldProblem('contactDate', 'The date of the contact must be today or in the past');
  const heading = await personHeading(ctx, row.person_id);
  const [problem] = contactProblems(input, heading.dateOfBirth ? ageOn(heading.dateOfBirth, input.contactDate) : null);
  if (problem) throw new FieldProblem(problem.field, problem.message);
  const contactId = uuidv7();
  const accommodation = accomCode(input.accommodation, input.suitable);
  const write = async (trx: Kysely<Database>) => {
    await repo.insertContact(trx, { id: contactId, care_leaver_id: id, person_id: row.person_id, contact_date: input.contactDate, in_touch: input.inTouch, accommodation, activity: input.activity, notes: input.notes, created_by: ctx.actor.id });
    const parts = [CARE_LEAVER_IN_TOUCH[input.inTouch]];
    if (input.accommodation && input.accommodation !== '0') parts.push(`${CARE_LEAVER_ACCOMMODATION[input.accommodation]} (${input.suitable === 'yes' ? 'suitable' : 'unsuitable'})`);
    if (input.activity && input.activity !== '0') parts.push(CARE_LEAVER_ACTIVITY[input.activity]!);
    await chronicle(trx, ctx, row.person_id, 'care_leaver.contact', `Keeping in touch on ${formatDate(input.contactDate)}: ${parts.join('; ')}`, { type: CARE_LEAVER_RECORD, id });
    await auditChange(trx, ctx, 'socialcare.work', row.person_id, decision);
  };
  if (claim) return (await once(ctx.db, { ...claim, resourceId: contactId }, write)).id;
  await ctx.db.transaction().execute(write);
  return contactId;
}

/** Closes the record (nothing is deleted; the clocks stop). */
export async function closeRecord(ctx: RequestContext, id: string, input: CloseInput) {
  const { row, decision } = await leaverForWork(ctx, id, { audit: false });
  CARE_LEAVER_MACHINE.assert(row.closed_on ? 'closed' : 'open', 'closed');
  if (row.version !== input.version) throw stale();
  if (input.closedOn > ukToday() || input.closedOn < row.opened_on) throw new FieldProblem('closedOn', `The date the record closes must be between ${formatDate(row.opened_on)} and today`);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateLeaverAtVersion(trx, id, input.version, { closed_on: input.closedOn, closed_reason: input.reason }))) throw stale();
    await chronicle(trx, ctx, row.person_id, 'care_leaver.closed', `Care leaver record closed: ${CLOSURE_REASONS[input.reason].toLowerCase()}`, { type: CARE_LEAVER_RECORD, id });
    await auditChange(trx, ctx, 'socialcare.work', row.person_id, decision);
  });
}

/** The care leavers list for social care: every open record with its clocks and latest answers. */
export async function careLeaverList(ctx: RequestContext, today = ukToday()) {
  authorise(ctx, 'socialcare.list');
  const rows = await repo.leaversWithPeople(ctx.db, { openOnly: true });
  const visible = await viewablePeople(ctx, rows.map((r) => r.person_id));
  const ids = rows.map((r) => r.id);
  const [contacts, plans] = await Promise.all([repo.contactsOf(ctx.db, ids), repo.plansOf(ctx.db, ids)]);
  return rows.map((r) => {
    const mine = contacts.filter((c) => c.care_leaver_id === r.id);
    const plan = plans.find((p) => p.care_leaver_id === r.id) ?? null;
    const rec = { eligibility: r.eligibility, openedOn: r.opened_on, closedOn: r.closed_on, dateOfBirth: r.date_of_birth };
    const windows = birthdayWindows(rec, mine, today);
    const shown = visible.has(r.person_id);
    return {
      id: r.id,
      personId: r.person_id,
      name: shown ? fullName(r) : 'A young person you cannot see',
      visible: shown,
      adviser: r.adviser_name,
      eligibility: r.eligibility,
      age: r.date_of_birth ? ageOn(r.date_of_birth, today) : null,
      lastContact: mine[0] ?? null,
      contactClock: contactClock(rec, mine[0] ?? null, today),
      planClock: pathwayPlanClock(rec, plan, today),
      oc3Due: windows.find((w) => w.status === 'due') ?? null,
    };
  });
}
