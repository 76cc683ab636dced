import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { BadRequestError, ConflictError, FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import * as repo from './repository-threshold.ts';

export const LEVELS = [1, 2, 3, 4] as const;

export interface ThresholdLevel {
  level: number;
  name: string;
  descriptor: string;
}

export interface ThresholdDomain {
  id: string;
  name: string;
  description: string;
  /** What this domain looks like at each level, by level (1–4). */
  descriptors: Record<number, string>;
}

export interface ThresholdFramework {
  levels: ThresholdLevel[];
  /** Active domains, in the administrators' order. */
  domains: ThresholdDomain[];
}

/**
 * The local threshold document as it stands: the four levels and the active assessment domains with each
 * level's descriptor. Reference data, readable by any service (early help builds its assessment sections from it).
 */
export async function thresholdFramework(db: Kysely<Database>): Promise<ThresholdFramework> {
  const [levels, domains] = await Promise.all([repo.listLevels(db), repo.listDomains(db, { activeOnly: true })]);
  const descriptors = await repo.listDescriptors(db, domains.map((d) => d.id));
  return {
    levels: levels.map(({ level, name, descriptor }) => ({ level, name, descriptor })),
    domains: domains.map((d) => ({
      id: d.id,
      name: d.name,
      description: d.description,
      descriptors: Object.fromEntries(descriptors.filter((x) => x.domain_id === d.id).map((x) => [x.level, x.descriptor])),
    })),
  };
}

/** Everything the administrators' page shows, with the versions their edits must name. */
export async function thresholdForAdmin(ctx: RequestContext) {
  authorise(ctx, 'threshold.configure');
  const [levels, domains, descriptors] = await Promise.all([repo.listLevels(ctx.db), repo.listDomains(ctx.db, { activeOnly: false }), repo.listDescriptors(ctx.db)]);
  return {
    levels,
    domains: domains.map((d) => ({
      ...d,
      descriptors: LEVELS.map((level) => {
        const found = descriptors.find((x) => x.domain_id === d.id && x.level === level);
        return { level, descriptor: found?.descriptor ?? '', version: found?.version ?? 0 };
      }),
    })),
  };
}
export type AdminDomain = Awaited<ReturnType<typeof thresholdForAdmin>>['domains'][number];

const changedFirst = () => new ConflictError('Someone else changed the threshold document after you opened this page. Nothing you entered has been saved.');

export async function adminLevel(ctx: RequestContext, level: number) {
  authorise(ctx, 'threshold.configure');
  const row = Number.isInteger(level) ? await repo.findLevel(ctx.db, level) : undefined;
  if (!row) throw new NotFoundError();
  return row;
}

export async function updateLevel(ctx: RequestContext, level: number, version: number, values: { name: string; descriptor: string }): Promise<void> {
  await adminLevel(ctx, level);
  if (!(await repo.updateLevelAtVersion(ctx.db, level, version, values))) throw changedFirst();
}

export async function adminDomain(ctx: RequestContext, id: string): Promise<AdminDomain> {
  const { domains } = await thresholdForAdmin(ctx);
  const domain = domains.find((d) => d.id === id);
  if (!domain) throw new NotFoundError();
  return domain;
}

async function nameTaken(db: Kysely<Database>, name: string, exceptId?: string) {
  const found = await repo.findDomainByName(db, name);
  return found !== undefined && found.id !== exceptId;
}


export async function createDomain(
  ctx: RequestContext,
  input: { name: string; description: string; descriptors: Record<number, string> },
  idempotencyKey: string,
): Promise<string> {
  authorise(ctx, 'threshold.configure');
  // A repeat of a request that already added the domain goes to it, before the name check (which it would fail).
  const earlier = await findIdempotentResource(ctx.db, { key: idempotencyKey, userId: ctx.actor.id, resourceType: 'threshold_domain' });
  if (earlier) return earlier;
  if (await nameTaken(ctx.db, input.name)) throw new FieldProblem('name', 'There is already a domain with this name');
  const id = uuidv7();
  const result = await once(ctx.db, { key: idempotencyKey, userId: ctx.actor.id, resourceType: 'threshold_domain', resourceId: id }, (trx) =>
    repo.insertDomain(trx, { id, ...input, createdBy: ctx.actor.id }),
  );
  return result.id;
}

export async function updateDomain(
  ctx: RequestContext,
  id: string,
  input: { version: number; name: string; description: string; descriptors: Record<number, { text: string; version: number }> },
): Promise<void> {
  await adminDomain(ctx, id);
  if (await nameTaken(ctx.db, input.name, id)) throw new FieldProblem('name', 'There is already a domain with this name');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateDomainAtVersion(trx, id, input.version, { name: input.name, description: input.description }))) throw changedFirst();
    for (const level of LEVELS) {
      const d = input.descriptors[level];
      if (d && !(await repo.updateDescriptorAtVersion(trx, id, level, d.version, d.text))) throw changedFirst();
    }
  });
}

/** Moves a domain one place up or down the order assessments show them in. */
export async function moveDomain(ctx: RequestContext, id: string, version: number, direction: 'up' | 'down'): Promise<void> {
  authorise(ctx, 'threshold.configure');
  const domains = await repo.listDomains(ctx.db, { activeOnly: false });
  const index = domains.findIndex((d) => d.id === id);
  if (index === -1) throw new NotFoundError();
  const domain = domains[index]!;
  if (domain.version !== version) throw changedFirst();
  const other = domains[direction === 'up' ? index - 1 : index + 1];
  if (!other) throw new BadRequestError(`This domain is already ${direction === 'up' ? 'first' : 'last'}.`);
  const moved = await ctx.db.transaction().execute((trx) => repo.swapOrder(trx, domain, other));
  if (!moved) throw changedFirst();
}

/**
 * Retires a domain (new assessments no longer show it) or brings it back. Domains are never deleted: assessments
 * that used one must still read as they were written.
 */
export async function setDomainActive(ctx: RequestContext, id: string, version: number, active: boolean): Promise<void> {
  authorise(ctx, 'threshold.configure');
  const domain = await repo.findDomain(ctx.db, id);
  if (!domain) throw new NotFoundError();
  if (domain.version !== version) throw changedFirst();
  if (domain.active === active) throw new ConflictError(active ? 'This domain is already in use.' : 'This domain has already been retired.');
  if (!active && (await repo.listDomains(ctx.db, { activeOnly: true })).length <= 1) {
    throw new BadRequestError('The threshold document needs at least one domain in use. Add another before retiring this one.');
  }
  if (!(await repo.updateDomainAtVersion(ctx.db, id, version, { active }))) throw changedFirst();
}
