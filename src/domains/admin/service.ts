import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { AgencyKind, Database } from '../../db/types.ts';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import type { Role } from '../../platform/access/rules.ts';
import { recordAccess } from '../../platform/audit/audit.ts';
import { endAllSessions } from '../../platform/auth/sessions.ts';
import { temporaryPassword } from '../../platform/auth/temporary-password.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import * as repo from './repository.ts';
import type { EditUserFields, UserFields } from './schema.ts';

/** A rule the form broke that only the database could tell: shown against one field, like a Zod error. */
export class FormProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505';

async function checkTeamsBelongTo(db: Kysely<Database>, agencyId: string, teamIds: readonly string[]) {
  if (!(await repo.agencyExists(db, agencyId))) throw new FormProblem('agencyId', 'Select the user’s agency');
  const allowed = new Set(await repo.teamIdsOfAgency(db, agencyId));
  if (teamIds.some((t) => !allowed.has(t))) throw new FormProblem('teamIds', 'Select only teams in the user’s agency');
}

const emailTaken = () => new FormProblem('email', 'A user with this email address already exists');

export interface NewUser {
  name: string;
  email: string;
  agencyId: string;
  teamIds: readonly string[];
  roles: readonly Role[];
  /** Given by whoever creates the account (CLI on stdin); otherwise one is generated. */
  password?: string;
}

/** The account, its teams and its audit row: written together in the caller's transaction. */
async function writeAccount(trx: Kysely<Database>, id: string, input: NewUser, password: string, createdBy: string | null, requestId: string | null) {
  if (await repo.userIdByEmail(trx, input.email)) throw emailTaken();
  await checkTeamsBelongTo(trx, input.agencyId, input.teamIds);
  await repo.insertUser(trx, { ...input, id, roles: [...input.roles], password, createdBy });
  await repo.setUserTeams(trx, id, input.teamIds);
  await recordAccess(trx, { userId: createdBy, action: 'user.create', outcome: 'allowed', resourceType: 'user', resourceId: id, requestId });
}

/** Two requests racing for one email: the loser hears the email is taken, not a database error. */
async function emailMustBeFree<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

/**
 * Creates an account that must choose its own password at first sign-in, audited in the same transaction.
 * For the command line, where nobody is signed in (createdBy is null).
 */
export async function createUserAccount(db: Kysely<Database>, input: NewUser, createdBy: string | null) {
  const password = input.password ?? temporaryPassword(input);
  const id = uuidv7();
  await emailMustBeFree(() => db.transaction().execute((trx) => writeAccount(trx, id, input, password, createdBy, null)));
  return { id, password };
}

export async function listUsers(ctx: RequestContext, agencyId: string | null) {
  authorise(ctx, 'users.manage');
  const [users, agencies] = await Promise.all([repo.listUsers(ctx.db, agencyId), repo.listAgencies(ctx.db)]);
  return { users, agencies };
}

export async function agenciesWithTeams(ctx: RequestContext) {
  authorise(ctx, 'users.manage');
  return repo.listAgencies(ctx.db);
}

export type CreateUserResult = { outcome: 'created'; id: string; password: string } | { outcome: 'already_created'; id: string };

/**
 * A double submit of the same form (same idempotency key) finds the account the first submit made rather
 * than making a second, even when the two race; the email's uniqueness backs this up for two different forms.
 */
export async function createUser(ctx: RequestContext, input: UserFields & { idempotencyKey?: string }): Promise<CreateUserResult> {
  authorise(ctx, 'users.manage');
  const password = temporaryPassword(input);
  const id = uuidv7();
  const write = (trx: Kysely<Database>) => writeAccount(trx, id, input, password, ctx.actor.id, ctx.requestId);
  if (!input.idempotencyKey) {
    await emailMustBeFree(() => ctx.db.transaction().execute(write));
    return { outcome: 'created', id, password };
  }
  const claim = { key: `user.create:${input.idempotencyKey}`, userId: ctx.actor.id, resourceType: 'user' };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return { outcome: 'already_created', id: earlier };
  const result = await emailMustBeFree(() => once(ctx.db, { ...claim, resourceId: id }, write));
  return result.replayed ? { outcome: 'already_created', id: result.id } : { outcome: 'created', id, password };
}

export async function userForEdit(ctx: RequestContext, id: string) {
  authorise(ctx, 'users.manage');
  const user = await repo.findUser(ctx.db, id);
  if (!user) throw new NotFoundError();
  return user;
}

export type UpdateUserResult = { outcome: 'updated' } | { outcome: 'conflict'; current: repo.UserRecord };

export async function updateUser(ctx: RequestContext, id: string, input: EditUserFields): Promise<UpdateUserResult> {
  authorise(ctx, 'users.manage');
  if (id === ctx.actor.id) {
    if (input.disabled) throw new FormProblem('disabled', 'You cannot disable your own account. Ask another administrator.');
    if (!input.roles.includes('administrator')) throw new FormProblem('roles', 'You cannot remove your own administrator role. Ask another administrator.');
  }
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const before = await repo.findUser(trx, id);
      if (!before) throw new NotFoundError();
      if (before.version !== input.version) return { outcome: 'conflict', current: before } as const;
      const other = await repo.userIdByEmail(trx, input.email);
      if (other && other !== id) throw emailTaken();
      await checkTeamsBelongTo(trx, input.agencyId, input.teamIds);
      if (!(await repo.updateUser(trx, id, input.version, input))) {
        return { outcome: 'conflict', current: (await repo.findUser(trx, id))! } as const;
      }
      await repo.setUserTeams(trx, id, input.teamIds);
      const action = input.disabled && !before.disabled ? 'user.disable' : !input.disabled && before.disabled ? 'user.enable' : 'user.update';
      await recordAccess(trx, { userId: ctx.actor.id, action, outcome: 'allowed', resourceType: 'user', resourceId: id, requestId: ctx.requestId });
      // A disabled account is signed out everywhere at once, not when its sessions happen to expire.
      if (input.disabled) await endAllSessions(trx, id);
      return { outcome: 'updated' } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

/** An administrator-issued reset: a new one-time password, the account unlocked and signed out everywhere. */
export async function resetPassword(ctx: RequestContext, id: string): Promise<{ password: string; user: repo.UserRecord }> {
  const user = await userForEdit(ctx, id);
  const password = temporaryPassword(user);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.resetUserPassword(trx, id, password);
    await endAllSessions(trx, id);
    await recordAccess(trx, { userId: ctx.actor.id, action: 'user.reset_password', outcome: 'allowed', resourceType: 'user', resourceId: id, requestId: ctx.requestId });
  });
  return { password, user };
}

export async function unlock(ctx: RequestContext, id: string): Promise<repo.UserRecord> {
  const user = await userForEdit(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.unlockUser(trx, id);
    await recordAccess(trx, { userId: ctx.actor.id, action: 'user.unlock', outcome: 'allowed', resourceType: 'user', resourceId: id, requestId: ctx.requestId });
  });
  return user;
}

export async function createAgency(ctx: RequestContext, input: { name: string; kind: AgencyKind }): Promise<string> {
  authorise(ctx, 'users.manage');
  if (await repo.findAgencyByName(ctx.db, input.name)) throw new FormProblem('name', 'An agency with this name already exists');
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const id = await repo.insertAgency(trx, { ...input, createdBy: ctx.actor.id });
      await recordAccess(trx, { userId: ctx.actor.id, action: 'agency.create', outcome: 'allowed', resourceType: 'agency', resourceId: id, requestId: ctx.requestId });
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new FormProblem('name', 'An agency with this name already exists');
    throw error;
  }
}

export async function createTeam(ctx: RequestContext, agencyId: string, name: string): Promise<string> {
  authorise(ctx, 'users.manage');
  if (!(await repo.agencyExists(ctx.db, agencyId))) throw new NotFoundError();
  if (await repo.teamNameTaken(ctx.db, agencyId, name)) throw new FormProblem('name', 'This agency already has a team with this name');
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const id = await repo.insertTeam(trx, { agencyId, name, createdBy: ctx.actor.id });
      await recordAccess(trx, { userId: ctx.actor.id, action: 'team.create', outcome: 'allowed', resourceType: 'team', resourceId: id, requestId: ctx.requestId });
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new FormProblem('name', 'This agency already has a team with this name');
    throw error;
  }
}

/** For the CLI: the named agency, created as children's social care when it does not exist yet. */
export async function agencyNamed(db: Kysely<Database>, name: string): Promise<{ id: string; created: boolean }> {
  const existing = await repo.findAgencyByName(db, name);
  if (existing) return { id: existing.id, created: false };
  const id = await db.transaction().execute(async (trx) => {
    const agencyId = await repo.insertAgency(trx, { name: name.trim(), kind: 'social_care', createdBy: null });
    await recordAccess(trx, { userId: null, action: 'agency.create', outcome: 'allowed', resourceType: 'agency', resourceId: agencyId });
    return agencyId;
  });
  return { id, created: true };
}
