import type { Kysely, Selectable } from 'kysely';
import type { Database, EarlyHelpCasesTable } from '../../db/types.ts';
import { authoriseCase, authorisePerson, type RequestContext } from '../../platform/access/authorise.ts';
import type { Decision } from '../../platform/access/rules.ts';
import { HttpError, NotFoundError } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/views/format.ts';
import * as repo from './repository.ts';
import { currentTeamUserIds } from './repository-work.ts';

export type CaseRow = Selectable<EarlyHelpCasesTable>;
export type Allowed = Extract<Decision, { allowed: true }>;

/** Any attempt to change a closed case: it is kept as it was when it closed. */
export class CaseClosedError extends HttpError {
  constructor(closedOn: string | null) {
    super(
      409,
      'This early help case is closed',
      `This early help case was closed${closedOn ? ` on ${formatDate(closedOn)}` : ''}. A closed case is kept as it was and cannot be changed. If the child needs early help again, start a new case.`,
    );
  }
}

/** The people who work on the case: its lead professional and the current Team Around the Child. */
export async function caseTeam(db: Kysely<Database>, row: Pick<CaseRow, 'id' | 'lead_professional_id'>): Promise<string[]> {
  const members = await currentTeamUserIds(db, row.id);
  return row.lead_professional_id ? [row.lead_professional_id, ...members.filter((m) => m !== row.lead_professional_id)] : members;
}

async function load(db: Kysely<Database>, caseId: string): Promise<CaseRow> {
  const row = await repo.findCase(db, caseId);
  if (!row) throw new NotFoundError();
  return row;
}

/**
 * Opens a case to read: anyone who may see the child may see their early help case (the record decides).
 * Audited as a view of the child's record unless the caller audits it another way.
 */
export async function caseForView(ctx: RequestContext, caseId: string, options: { audit?: boolean } = {}) {
  const row = await load(ctx.db, caseId);
  const decision = await authorisePerson(ctx, row.person_id, 'person.view', { audit: options.audit ?? true });
  return { row, team: await caseTeam(ctx.db, row), decision };
}

/**
 * Opens a case to change it: the lead professional, the Team Around the Child and early help staff, who must
 * also be able to see the child. A closed case is refused after the access decision, so nobody learns more
 * than they may. Not audited by default: the change audits itself in its transaction (`auditView` for a form).
 */
export async function caseForWork(ctx: RequestContext, caseId: string, options: { auditView?: boolean; allowClosed?: boolean } = {}) {
  const row = await load(ctx.db, caseId);
  const team = await caseTeam(ctx.db, row);
  const decision = await authoriseCase(ctx, row.person_id, team, 'earlyhelp.work', { audit: options.auditView ?? false });
  if (row.status === 'closed' && !options.allowClosed) throw new CaseClosedError(row.closed_on);
  return { row, team, decision };
}

/** Inside a change's transaction: the case must still be open (it may have closed since the form was read). */
export async function lockOpenCase(trx: Kysely<Database>, caseId: string): Promise<CaseRow> {
  const row = await repo.findCaseForUpdate(trx, caseId);
  if (!row) throw new NotFoundError();
  if (row.status === 'closed') throw new CaseClosedError(row.closed_on);
  return row;
}
