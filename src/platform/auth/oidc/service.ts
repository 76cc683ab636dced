import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../../db/types.ts';
import { ROLES } from '../../access/rules.ts';
import type { ProviderIdentity } from './client.ts';
import * as repo from './repository.ts';

/** Why someone who proved who they are at the provider is still not let in; each has its own page. */
export type Refusal = 'no_access' | 'conflicting_agencies' | 'disabled' | 'email_in_use' | 'missing_claims';

export type SignInDecision = { outcome: 'signed_in'; userId: string; created: boolean; linked: boolean } | { outcome: 'refused'; reason: Refusal; userId: string | null };

/** What the user's groups give: one agency (several mapped agencies cannot be told apart), every team and role. */
export function accessFromMappings(mappings: readonly repo.GroupMapping[]): { agencyId: string; teamIds: string[]; roles: string[] } | 'none' | 'conflicting' {
  if (!mappings.length) return 'none';
  const agencies = new Set(mappings.map((m) => m.agencyId));
  if (agencies.size > 1) return 'conflicting';
  const known = new Set<string>(ROLES);
  const roles = [...new Set(mappings.flatMap((m) => m.roles))].filter((r) => known.has(r)).sort();
  // A mapping left with only roles Cairn no longer has gives no access rather than an account that can do nothing.
  if (!roles.length) return 'none';
  return { agencyId: mappings[0]!.agencyId, teamIds: [...new Set(mappings.flatMap((m) => m.teamIds))].sort(), roles };
}

/**
 * The Cairn user for an identity the provider vouched for, made or updated from the group mapping, in one
 * transaction. An existing user is found by (issuer, subject), never by email alone. A local account with the same
 * email is linked only when the provider says the email is verified, the account is in the agency the groups map
 * to, is enabled and has no other single sign-on identity: otherwise whoever controls a provider account with that
 * email (or a mapping to another agency) could take over someone else's account.
 */
export async function signInWithIdentity(db: Kysely<Database>, identity: ProviderIdentity): Promise<SignInDecision> {
  try {
    return await decide(db, identity);
  } catch (error) {
    // The same person's first sign-in in two tabs at once: the second finds the account the first made.
    if ((error as { code?: unknown }).code === '23505') return decide(db, identity);
    throw error;
  }
}

function decide(db: Kysely<Database>, identity: ProviderIdentity): Promise<SignInDecision> {
  return db.transaction().execute(async (trx): Promise<SignInDecision> => {
    // The email is looked up before the identity: under read committed a first sign-in committed in between shows up
    // in the later read, so a racing second tab finds the identity rather than a "taken" email.
    const local = identity.email ? await repo.userByEmail(trx, identity.email) : undefined;
    const existing = await repo.userByIdentity(trx, identity.issuer, identity.subject);
    if (existing?.disabled) return { outcome: 'refused', reason: 'disabled', userId: existing.id };
    const access = accessFromMappings(await repo.mappingsForGroups(trx, identity.groups));
    if (access === 'none') return { outcome: 'refused', reason: 'no_access', userId: existing?.id ?? null };
    if (access === 'conflicting') return { outcome: 'refused', reason: 'conflicting_agencies', userId: existing?.id ?? null };

    if (existing) {
      const email = identity.email && !(await repo.emailTakenByOther(trx, identity.email, existing.id)) ? identity.email : null;
      await repo.applyAccess(trx, existing.id, { ...access, name: identity.name ?? existing.email, email });
      await repo.touchIdentity(trx, identity.issuer, identity.subject);
      return { outcome: 'signed_in', userId: existing.id, created: false, linked: false };
    }

    if (!identity.email || !identity.name) return { outcome: 'refused', reason: 'missing_claims', userId: null };
    if (local) {
      if (local.disabled) return { outcome: 'refused', reason: 'disabled', userId: local.id };
      const safe = identity.emailVerified && local.agencyId === access.agencyId && !local.linkedToIssuer;
      if (!safe) return { outcome: 'refused', reason: 'email_in_use', userId: null };
      await repo.insertIdentity(trx, { userId: local.id, issuer: identity.issuer, subject: identity.subject });
      await repo.applyAccess(trx, local.id, { ...access, name: identity.name, email: null });
      await repo.touchIdentity(trx, identity.issuer, identity.subject);
      return { outcome: 'signed_in', userId: local.id, created: false, linked: true };
    }

    const id = uuidv7();
    await repo.insertSsoUser(trx, { id, email: identity.email, name: identity.name, agencyId: access.agencyId, roles: access.roles });
    await repo.insertIdentity(trx, { userId: id, issuer: identity.issuer, subject: identity.subject });
    await repo.applyAccess(trx, id, { ...access, name: identity.name, email: null });
    await repo.touchIdentity(trx, identity.issuer, identity.subject);
    return { outcome: 'signed_in', userId: id, created: true, linked: false };
  });
}
