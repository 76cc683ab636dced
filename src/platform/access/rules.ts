import type { AgencyKind } from '../../db/types.ts';

export const ROLES = [
  'practitioner',
  'manager',
  'partner_practitioner',
  'lado',
  'panel_chair',
  'analyst',
  'board_member',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  practitioner: 'Practitioner',
  manager: 'Manager',
  partner_practitioner: 'Partner practitioner',
  lado: 'LADO',
  panel_chair: 'Panel chair',
  analyst: 'Analyst',
  board_member: 'Board member',
  administrator: 'Administrator',
};

/** The signed-in person, as every decision sees them. */
export interface Actor {
  id: string;
  agencyId: string;
  agencyKind: AgencyKind;
  roles: readonly Role[];
}

/** What a decision needs to know about a person's record — never the record itself. */
export interface PersonScope {
  id: string;
  restricted: boolean;
  /** Agencies with a current involvement (made the contact, Team Around the Child, consent, lawful basis). */
  involvedAgencyIds: readonly string[];
  /** Users named on a restricted record. */
  namedUserIds: readonly string[];
  /** Users holding an unexpired break-glass grant. */
  breakGlassUserIds: readonly string[];
}

export type Action =
  | 'person.search'
  | 'person.create'
  | 'person.view'
  | 'person.edit'
  | 'person.merge'
  | 'person.share'
  | 'person.restrict'
  | 'person.viewers'
  | 'users.manage'
  | 'audit.search'
  | 'aggregates.view';

export type Resource = { kind: 'system' } | { kind: 'person'; person: PersonScope };

export type Decision =
  | { allowed: true; via: 'role' | 'involvement' | 'named' | 'break_glass' }
  | { allowed: false; breakGlass: boolean; reason: string };

const has = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));

/** Staff of children's social care see every child except restricted records. */
export const isSocialCareStaff = (actor: Actor) =>
  actor.agencyKind === 'social_care' && has(actor, 'practitioner', 'manager');

/** Roles that work with individual children at all. Analysts, board members and administrators never do. */
const casework = (actor: Actor) => has(actor, 'practitioner', 'manager', 'partner_practitioner', 'lado', 'panel_chair');

const allow = (via: 'role' | 'involvement' | 'named' | 'break_glass' = 'role'): Decision => ({ allowed: true, via });
const deny = (reason: string, breakGlass = false): Decision => ({ allowed: false, breakGlass, reason });

function viewPerson(actor: Actor, person: PersonScope): Decision {
  if (!casework(actor)) return deny('Your role works with figures, not individual records.');
  if (person.restricted) {
    if (person.namedUserIds.includes(actor.id)) return allow('named');
    if (person.breakGlassUserIds.includes(actor.id)) return allow('break_glass');
    return deny('This record is restricted to named people.', true);
  }
  if (isSocialCareStaff(actor)) return allow('role');
  if (person.involvedAgencyIds.includes(actor.agencyId)) return allow('involvement');
  if (person.breakGlassUserIds.includes(actor.id)) return allow('break_glass');
  return deny('Your agency is not involved with this person and nothing has been shared with it.', true);
}

/**
 * The one decision point: may this actor do this to this resource? Pure, so the access matrix test can
 * enumerate it; routes reach it through `authorise` (which also audits) rather than calling it directly.
 */
export function can(actor: Actor, action: Action, resource: Resource = { kind: 'system' }): Decision {
  switch (action) {
    case 'person.search':
    case 'person.create':
      return casework(actor) ? allow() : deny('Your role works with figures, not individual records.');
    case 'users.manage':
    case 'audit.search':
      return has(actor, 'administrator') ? allow() : deny('Only administrators can do this.');
    case 'aggregates.view':
      return has(actor, 'analyst', 'board_member', 'manager', 'administrator') ? allow() : deny('Your role does not include reports.');
  }
  if (resource.kind !== 'person') return deny('This action needs a person.');
  const view = viewPerson(actor, resource.person);
  switch (action) {
    case 'person.view':
      return view;
    case 'person.edit':
    case 'person.share':
      if (!view.allowed) return view;
      return isSocialCareStaff(actor) ? view : deny('Only children’s social care staff can change the person index.');
    case 'person.merge':
    case 'person.restrict':
    case 'person.viewers':
      if (!view.allowed) return view;
      return isSocialCareStaff(actor) && has(actor, 'manager') ? view : deny('Only children’s social care managers can do this.');
  }
}
