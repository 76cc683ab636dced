import { auditChange } from '../../platform/access/authorise.ts';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { formatDate } from '../../platform/views/format.ts';
import { personHeading } from '../people/service.ts';
import { caseForWork, type CaseRow, lockOpenCase } from './access.ts';
import { chronicleCase } from './chronicle.ts';
import * as repo from './repository.ts';
import * as work from './repository-work.ts';

/** The plan: outcomes (what will be better for the child) and the actions towards them, each with an owner. */

const stalePlan = () =>
  new ConflictError('Someone else changed this part of the plan after you opened it. Nothing you entered has been saved. Go back to the case to see the plan as it is now, then try again.');

/** Who can own an action: the lead professional and the current Team Around the Child. */
async function ownerChoices(ctx: RequestContext, row: CaseRow) {
  const [members, lead] = await Promise.all([work.listTeam(ctx.db, row.id), row.lead_professional_id ? repo.findUser(ctx.db, row.lead_professional_id) : null]);
  const owners = members.filter((m) => !m.ended_on).map((m) => ({ id: m.user_id, name: m.name, agency: m.agency_name, role: m.role_in_team }));
  return lead ? [{ id: lead.id, name: lead.name, agency: lead.agency_name, role: 'Lead professional' }, ...owners.filter((o) => o.id !== lead.id)] : owners;
}

/** What the outcome and action forms need; shown (and audited) as a view of the child's record. */
export async function planForm(ctx: RequestContext, caseId: string, options: { auditView: boolean }) {
  const { row } = await caseForWork(ctx, caseId, { auditView: options.auditView });
  const [heading, owners, outcomes] = await Promise.all([personHeading(ctx, row.person_id), ownerChoices(ctx, row), work.listOutcomes(ctx.db, caseId)]);
  return { row, heading, owners, outcomes };
}

async function claimOnce(ctx: RequestContext, key: string, resourceType: string, create: (trx: Kysely<Database>) => Promise<void>, id: string) {
  const claim = { key, userId: ctx.actor.id, resourceType };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return { id: earlier, replayed: true };
  return once(ctx.db, { ...claim, resourceId: id }, create);
}

export async function addOutcome(ctx: RequestContext, caseId: string, input: { outcome: string; idempotencyKey: string }) {
  const { row, decision } = await caseForWork(ctx, caseId);
  const id = uuidv7();
  return claimOnce(ctx, input.idempotencyKey, 'early_help_outcome', async (trx) => {
    await lockOpenCase(trx, caseId);
    await work.insertOutcome(trx, { id, case_id: caseId, outcome: input.outcome, created_by: ctx.actor.id });
    await chronicleCase(trx, ctx, row.person_id, caseId, 'early_help.plan_changed', `Outcome added to the early help plan: ${input.outcome}`);
    await auditChange(trx, ctx, 'earlyhelp.work', row.person_id, decision);
  }, id);
}

export async function findOutcomeForEdit(ctx: RequestContext, caseId: string, outcomeId: string) {
  const form = await planForm(ctx, caseId, { auditView: true });
  const outcome = form.outcomes.find((o) => o.id === outcomeId);
  if (!outcome) throw new NotFoundError();
  return { ...form, outcome };
}

/** Changes an outcome's words, or marks it achieved (today) or not achieved after all. */
export async function updateOutcome(ctx: RequestContext, caseId: string, outcomeId: string, input: { version: number; outcome?: string; achieved?: boolean }) {
  const { row, decision } = await caseForWork(ctx, caseId);
  const current = await work.findOutcome(ctx.db, caseId, outcomeId);
  if (!current) throw new NotFoundError();
  if (current.version !== input.version) throw stalePlan();
  const changes: { outcome?: string; achieved_on?: string | null } = {};
  if (input.outcome !== undefined) changes.outcome = input.outcome;
  if (input.achieved !== undefined) changes.achieved_on = input.achieved ? (current.achieved_on ?? ukToday()) : null;
  await ctx.db.transaction().execute(async (trx) => {
    await lockOpenCase(trx, caseId);
    if (!(await work.updateOutcomeAtVersion(trx, outcomeId, input.version, changes))) throw stalePlan();
    const text = changes.outcome ?? current.outcome;
    const summary =
      input.achieved === true ? `Early help plan outcome achieved: ${text}` : input.achieved === false ? `Early help plan outcome reopened: ${text}` : `Early help plan outcome changed: ${text}`;
    await chronicleCase(trx, ctx, row.person_id, caseId, 'early_help.plan_changed', summary);
    await auditChange(trx, ctx, 'earlyhelp.work', row.person_id, decision);
  });
}

export interface ActionInput {
  outcomeId: string | null;
  action: string;
  ownerId: string;
  dueOn: string;
  completedOn: string | null;
}

async function checkAction(ctx: RequestContext, row: CaseRow, input: ActionInput) {
  const owners = await ownerChoices(ctx, row);
  const owner = owners.find((o) => o.id === input.ownerId);
  if (!owner) throw new BadRequestError('Select who will do it from the lead professional and the Team Around the Child.');
  if (input.outcomeId && !(await work.findOutcome(ctx.db, row.id, input.outcomeId))) throw new BadRequestError('Select the outcome from the list.');
  if (input.completedOn && input.completedOn > ukToday()) throw new BadRequestError('The date it was done must be today or in the past.');
  return owner;
}

const columns = (input: ActionInput): work.ActionColumns => ({
  outcome_id: input.outcomeId,
  action: input.action,
  owner_id: input.ownerId,
  due_on: input.dueOn,
  completed_on: input.completedOn,
});

export async function addAction(ctx: RequestContext, caseId: string, input: ActionInput & { idempotencyKey: string }) {
  const { row, decision } = await caseForWork(ctx, caseId);
  const owner = await checkAction(ctx, row, input);
  const id = uuidv7();
  return claimOnce(ctx, input.idempotencyKey, 'early_help_action', async (trx) => {
    await lockOpenCase(trx, caseId);
    await work.insertAction(trx, { id, case_id: caseId, created_by: ctx.actor.id, ...columns(input) });
    if (owner.id !== ctx.actor.id) {
      await repo.insertAlerts(trx, [{ user_id: owner.id, kind: 'early_help.action_assigned', person_id: row.person_id, message: `You have an early help plan action due by ${formatDate(input.dueOn)}.` }]);
    }
    await chronicleCase(trx, ctx, row.person_id, caseId, 'early_help.plan_changed', `Action added to the early help plan for ${owner.name} (${owner.agency}), due ${formatDate(input.dueOn)}: ${input.action}`);
    await auditChange(trx, ctx, 'earlyhelp.work', row.person_id, decision);
  }, id);
}

export async function findActionForEdit(ctx: RequestContext, caseId: string, actionId: string) {
  const form = await planForm(ctx, caseId, { auditView: true });
  const action = await work.findAction(ctx.db, caseId, actionId);
  if (!action) throw new NotFoundError();
  return { ...form, action };
}

export async function updateAction(ctx: RequestContext, caseId: string, actionId: string, input: ActionInput & { version: number }) {
  const { row, decision } = await caseForWork(ctx, caseId);
  const current = await work.findAction(ctx.db, caseId, actionId);
  if (!current) throw new NotFoundError();
  if (current.version !== input.version) throw stalePlan();
  const owner = await checkAction(ctx, row, input);
  await ctx.db.transaction().execute(async (trx) => {
    await lockOpenCase(trx, caseId);
    if (!(await work.updateActionAtVersion(trx, actionId, input.version, columns(input)))) throw stalePlan();
    const done = input.completedOn && !current.completed_on;
    await chronicleCase(trx, ctx, row.person_id, caseId, 'early_help.plan_changed', done ? `Early help plan action done: ${input.action}` : `Early help plan action changed (${owner.name}, due ${formatDate(input.dueOn)}): ${input.action}`);
    await auditChange(trx, ctx, 'earlyhelp.work', row.person_id, decision);
  });
}
