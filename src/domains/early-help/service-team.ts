import { auditChange } from '../../platform/access/authorise.ts';
import { uuidv7 } from 'uuidv7';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError, NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { personHeading } from '../people/service.ts';
import { caseForWork, lockOpenCase } from './access.ts';
import { chronicleCase } from './chronicle.ts';
import * as repo from './repository.ts';
import * as work from './repository-work.ts';
import { caseworker } from './service.ts';

/**
 * The add-a-member form: every agency, and once one is chosen, the people in it who work with children.
 * The form is shown (and audited) as a view of the child's record.
 */
export async function teamChoices(ctx: RequestContext, caseId: string, agencyId: string | null, options: { auditView: boolean }) {
  const { row } = await caseForWork(ctx, caseId, { auditView: options.auditView });
  const [heading, agencies, members] = await Promise.all([personHeading(ctx, row.person_id), repo.listAgencies(ctx.db), work.listTeam(ctx.db, caseId)]);
  const agency = agencyId ? agencies.find((a) => a.id === agencyId) ?? null : null;
  const taken = new Set([row.lead_professional_id, ...members.filter((m) => !m.ended_on).map((m) => m.user_id)]);
  const users = agency ? (await repo.listCaseworkers(ctx.db, agency.id)).filter((u) => !taken.has(u.id)) : [];
  return { row, heading, agencies, agency, users };
}

/**
 * Adds someone from any agency to the Team Around the Child. Their agency becomes involved with the child through
 * this membership (so they can open the record) until the membership ends. They are told.
 */
export async function addMember(
  ctx: RequestContext,
  caseId: string,
  input: { agencyId: string; userId: string; role: string; idempotencyKey: string },
): Promise<{ id: string; replayed: boolean }> {
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'tac_member' };
  const { row, team, decision } = await caseForWork(ctx, caseId);
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return { id: earlier, replayed: true };
  const user = await caseworker(ctx.db, input.userId);
  if (!user || user.agency_id !== input.agencyId) throw new BadRequestError('Select the person joining the team from the list.');
  if (user.id === row.lead_professional_id) throw new BadRequestError(`${user.name} is the lead professional, so is already part of the team.`);
  if (team.includes(user.id)) throw new BadRequestError(`${user.name} is already in the Team Around the Child.`);
  const id = uuidv7();
  const today = ukToday();
  return once(ctx.db, { ...claim, resourceId: id }, async (trx) => {
    await lockOpenCase(trx, caseId);
    if ((await work.currentTeamUserIds(trx, caseId)).includes(user.id)) throw new BadRequestError(`${user.name} is already in the Team Around the Child.`);
    await work.insertMember(trx, { id, case_id: caseId, user_id: user.id, agency_id: user.agency_id, role_in_team: input.role, started_on: today, created_by: ctx.actor.id });
    await repo.insertInvolvement(trx, {
      personId: row.person_id,
      agencyId: user.agency_id,
      basis: 'team_around_child',
      detail: `Team Around the Child: ${input.role}`,
      startDate: today,
      sourceType: repo.TAC_SOURCE,
      sourceId: id,
      createdBy: ctx.actor.id,
    });
    if (user.id !== ctx.actor.id) {
      await repo.insertAlerts(trx, [{ user_id: user.id, kind: 'early_help.tac_added', person_id: row.person_id, message: 'You have been added to the Team Around the Child for an early help case.' }]);
    }
    await chronicleCase(trx, ctx, row.person_id, caseId, 'early_help.tac_joined', `${user.name} (${user.agency_name}) joined the Team Around the Child as ${input.role}`);
    await auditChange(trx, ctx, 'earlyhelp.work', row.person_id, decision);
  });
}

/**
 * Ends a membership and exactly the involvement it created. The involvement ends yesterday, so the member's
 * agency loses access to the child now (unless another involvement remains), not at midnight.
 */
export async function endMember(ctx: RequestContext, caseId: string, memberId: string): Promise<{ userId: string }> {
  const { row, decision } = await caseForWork(ctx, caseId);
  const member = await work.findMember(ctx.db, caseId, memberId);
  if (!member) throw new NotFoundError();
  if (member.ended_on) return { userId: member.user_id };
  const user = await repo.findUser(ctx.db, member.user_id);
  const today = ukToday();
  await ctx.db.transaction().execute(async (trx) => {
    await lockOpenCase(trx, caseId);
    const ended = await work.endMembers(trx, caseId, today, [memberId]);
    if (!ended.length) return;
    await repo.endInvolvementsFrom(trx, repo.TAC_SOURCE, ended, addCalendarDays(today, -1));
    await chronicleCase(trx, ctx, row.person_id, caseId, 'early_help.tac_left', `${user?.name ?? 'A member'} (${user?.agency_name ?? 'an agency'}) left the Team Around the Child`);
    await auditChange(trx, ctx, 'earlyhelp.work', row.person_id, decision);
  });
  return { userId: member.user_id };
}
