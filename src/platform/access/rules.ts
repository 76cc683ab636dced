import type { AgencyKind } from '../../db/types.ts';

export const ROLES = [
  'practitioner',
  'manager',
  'partner_practitioner',
  'lado',
  'marac_coordinator',
  'cdop_manager',
  'review_chair',
  'panel_chair',
  'analyst',
  'board_member',
  'data_protection',
  'business_manager',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  practitioner: 'Practitioner',
  manager: 'Manager',
  partner_practitioner: 'Partner practitioner',
  lado: 'LADO',
  marac_coordinator: 'MARAC coordinator',
  cdop_manager: 'Child death review manager',
  review_chair: 'Practice review chair',
  panel_chair: 'Panel chair',
  analyst: 'Analyst',
  board_member: 'Board member',
  data_protection: 'Data protection officer',
  business_manager: 'Partnership business manager',
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
  | 'aggregates.view'
  | 'forecast.view'
  | 'forecast.configure'
  | 'outside.view'
  | 'outside.record'
  | 'outside.groups'
  // The front door
  | 'contact.create'
  | 'frontdoor.work'
  | 'frontdoor.sign_off'
  | 'threshold.configure'
  // Early help
  | 'earlyhelp.list'
  | 'earlyhelp.open'
  | 'earlyhelp.step_down'
  | 'earlyhelp.work'
  // Panels
  | 'panels.view'
  | 'panels.chair'
  | 'panels.refer'
  // Children's social care: referral, assessment, children in need, child protection, children in care
  | 'socialcare.list'
  | 'socialcare.refer'
  | 'socialcare.work'
  | 'socialcare.authorise'
  | 'socialcare.chair'
  | 'caseload.view'
  | 'caseload.allocate'
  // Missing children: anyone who knows the child reports; social care and early help interview on return
  | 'missing.report'
  | 'missing.interview'
  // The partnership's own case work: allegations about adults who work with children are the LADO team's alone
  | 'lado.work'
  // MARAC: the coordinator runs the conference; the people on its cases are seen through a 'marac' involvement
  | 'marac.work'
  // Child death reviews: the CDOP manager alone; the child is seen through a 'cdop' involvement
  | 'cdop.work'
  // Practice reviews: the partnership's review chair runs them; managers and board members follow the actions
  | 'reviews.work'
  | 'reviews.track'
  // Professional disagreements: any practitioner may raise one; the partnership business unit oversees them all
  | 'disagreements.raise'
  | 'disagreements.manage'
  // Opening the disagreements pages at all: anyone who may raise one, and the business unit; each record decides the rest
  | 'disagreements.view'
  // Information governance: the data protection officer answers subject access requests and runs retention, seeing a
  // person's whole record only inside a request or a retention review, each audited
  | 'governance.sar'
  | 'governance.retention'
  // Connecting other systems: single sign-on, partner API tokens and webhooks, the notification outbox
  | 'integrations.manage'
  // Documents on a person's record: whoever may see the record sees and adds them; removing one is a manager's
  | 'documents.remove'
  // Statutory returns (CIN census, SSDA903, Annex A): analysts prepare and export them; social care managers see
  // which children fail a rule so their teams can put records right. Opening a failing child is person.view's.
  | 'returns.prepare'
  // Quality assurance and the board (multi-agency audits, Section 11, training, surveys, practice tools, board
  // business): the partnership business manager runs them; board members follow them in figures and reports.
  | 'partnership.manage'
  | 'quality.view'
  // Each agency answers for itself: its part of a case audit and its Section 11 self-assessment.
  | 'audits.answer'
  | 'section11.answer'
  // On a child's record: the child's own views in their words, and scored practice tools (Quality of Care, distance
  // travelled), by whoever may see the record and works with children.
  | 'voice.record'
  | 'tools.score'
  // The partnership dataset: figures are for everyone with aggregates.view; the records behind a figure only for
  // managers (each record still decided by person.view); analysts keep the population, targets and suppression;
  // analysts and the business manager write the annual report's commentary.
  | 'dataset.records'
  | 'dataset.configure'
  | 'report.edit';

/**
 * An early help case or panel referral: who may work on it depends on the child's record and on the people
 * named on the case (its lead professional and Team Around the Child).
 */
export interface CaseScope {
  person: PersonScope;
  teamUserIds: readonly string[];
}

export type Resource = { kind: 'system' } | { kind: 'person'; person: PersonScope } | { kind: 'case'; case: CaseScope };

export type Decision =
  | { allowed: true; via: 'role' | 'involvement' | 'named' | 'break_glass' }
  | { allowed: false; breakGlass: boolean; reason: string };

const has = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));

/** Staff of children's social care see every child except restricted records. */
export const isSocialCareStaff = (actor: Actor) =>
  actor.agencyKind === 'social_care' && has(actor, 'practitioner', 'manager');

/** Roles that work with individual children at all. Analysts, board members and administrators never do. */
const casework = (actor: Actor) =>
  has(actor, 'practitioner', 'manager', 'partner_practitioner', 'lado', 'marac_coordinator', 'cdop_manager', 'review_chair', 'panel_chair');

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

/** Early help is run by the early help service, with social care behind it. */
const isEarlyHelpStaff = (actor: Actor) =>
  (actor.agencyKind === 'early_help' || actor.agencyKind === 'social_care') && has(actor, 'practitioner', 'manager', 'panel_chair');

const socialCareManager = (actor: Actor) => isSocialCareStaff(actor) && has(actor, 'manager');

/** The MASH: children's social care practitioners and managers decide contacts. */
const frontDoorStaff = (actor: Actor) => isSocialCareStaff(actor);

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
      return has(actor, 'analyst', 'board_member', 'manager', 'review_chair', 'administrator', 'business_manager') ? allow() : deny('Your role does not include reports.');
    case 'dataset.records':
      return has(actor, 'manager') ? allow() : deny('Analysts and board members see figures only; the records behind a figure are for managers.');
    case 'dataset.configure':
      return has(actor, 'analyst') ? allow() : deny('Only analysts change population estimates, targets and the suppression threshold.');
    case 'report.edit':
      return has(actor, 'analyst', 'business_manager') ? allow() : deny('Only analysts and the partnership business manager write the annual report’s commentary.');
    case 'forecast.view':
      return has(actor, 'analyst', 'board_member', 'manager') ? allow() : deny('Only analysts, managers and board members see the demand forecast.');
    case 'forecast.configure':
      return has(actor, 'analyst') ? allow() : deny('Only analysts change unit costs and forecast scenarios.');
    // Harm outside the home: places and peer groups are seen by those who work with children there; every child
    // on them is still shown only to those who may open that child's record.
    case 'outside.view':
    case 'outside.record':
      if (!has(actor, 'practitioner', 'manager', 'partner_practitioner', 'panel_chair')) return deny('Only practitioners, managers and panel chairs work with places and peer groups.');
      // About one child (their network, an association): only while the actor may see that child's record.
      return resource.kind === 'person' ? viewPerson(actor, resource.person) : allow();
    case 'outside.groups':
      return isSocialCareStaff(actor) || has(actor, 'panel_chair') ? allow() : deny('Only children’s social care and the MET hub chair manage peer groups and their actions.');
    case 'contact.create':
      return casework(actor) ? allow() : deny('Your role works with figures, not individual records.');
    case 'frontdoor.work':
      return frontDoorStaff(actor) ? allow() : deny('Only the front door (children’s social care) decides contacts.');
    case 'frontdoor.sign_off':
      return frontDoorStaff(actor) && has(actor, 'manager') ? allow() : deny('Only a children’s social care manager signs off threshold decisions.');
    case 'lado.work':
      return has(actor, 'lado') ? allow() : deny('Allegations about people who work with children are seen only by the LADO service.');
    case 'marac.work':
      return has(actor, 'marac_coordinator') ? allow() : deny('MARAC cases are seen only by the MARAC coordinator.');
    case 'cdop.work':
      return has(actor, 'cdop_manager') ? allow() : deny('Child death reviews are seen only by the child death review team.');
    case 'reviews.work':
      return has(actor, 'review_chair') ? allow() : deny('Only the partnership’s practice review chair runs practice reviews.');
    case 'reviews.track':
      return has(actor, 'review_chair', 'manager', 'board_member') ? allow() : deny('Only managers, board members and the review chair follow practice review actions.');
    case 'disagreements.raise':
      return has(actor, 'practitioner', 'manager', 'partner_practitioner', 'panel_chair', 'lado') ? allow() : deny('Only practitioners and managers raise professional disagreements.');
    case 'disagreements.manage':
      return has(actor, 'review_chair') ? allow() : deny('Only the partnership business unit oversees every professional disagreement.');
    case 'disagreements.view':
      return has(actor, 'practitioner', 'manager', 'partner_practitioner', 'panel_chair', 'lado', 'review_chair') ? allow() : deny('Your role does not include professional disagreements.');
    case 'governance.sar':
    case 'governance.retention':
      return has(actor, 'data_protection') ? allow() : deny('Only the data protection officer does this.');
    case 'integrations.manage':
      return has(actor, 'administrator') ? allow() : deny('Only administrators connect other systems.');
    case 'returns.prepare':
      return has(actor, 'analyst') || (isSocialCareStaff(actor) && has(actor, 'manager'))
        ? allow()
        : deny('Only analysts and children’s social care managers prepare the statutory returns.');
    case 'partnership.manage':
      return has(actor, 'business_manager') ? allow() : deny('Only the partnership business manager runs audits, Section 11, training, surveys and board business.');
    case 'quality.view':
      return has(actor, 'business_manager', 'board_member') ? allow() : deny('Only the partnership business manager and board members see the partnership’s quality assurance.');
    case 'audits.answer':
    case 'section11.answer':
      return has(actor, 'practitioner', 'manager', 'partner_practitioner')
        ? allow()
        : deny('Only an agency’s practitioners and managers answer for their agency.');
    case 'threshold.configure':
      return has(actor, 'administrator') ? allow() : deny('Only administrators can change the threshold document.');
    case 'earlyhelp.list':
      return isEarlyHelpStaff(actor) ? allow() : deny('Only early help and social care staff see every early help case.');
    case 'panels.view':
      return has(actor, 'panel_chair') || isEarlyHelpStaff(actor) ? allow() : deny('Only panel chairs, early help and social care staff see panels.');
    case 'socialcare.list':
    case 'caseload.view':
      return isSocialCareStaff(actor) ? allow() : deny('Only children’s social care staff see social care caseloads.');
    case 'caseload.allocate':
      if (!socialCareManager(actor)) return deny('Only a children’s social care manager allocates cases.');
      return resource.kind === 'person' ? viewPerson(actor, resource.person) : allow();
  }
  if (resource.kind === 'case') {
    const view = viewPerson(actor, resource.case.person);
    if (!view.allowed) return view;
    switch (action) {
      case 'earlyhelp.work':
        return isEarlyHelpStaff(actor) || resource.case.teamUserIds.includes(actor.id)
          ? view
          : deny('Only the lead professional, the Team Around the Child and early help staff work on this case.');
      case 'socialcare.work':
        return isSocialCareStaff(actor) ? view : deny('Only children’s social care staff record this work.');
      case 'socialcare.authorise':
        return socialCareManager(actor) ? view : deny('Only a children’s social care manager can authorise or close this.');
      case 'socialcare.chair':
        return socialCareManager(actor) ? view : deny('Only a conference chair or independent reviewing officer (a children’s social care manager) records this.');
      case 'missing.interview':
        return isEarlyHelpStaff(actor) || resource.case.teamUserIds.includes(actor.id)
          ? view
          : deny('Only social care, early help and the worker named for the interview record return home interviews.');
      case 'panels.chair':
        return has(actor, 'panel_chair') || (isSocialCareStaff(actor) && has(actor, 'manager')) || resource.case.teamUserIds.includes(actor.id)
          ? view
          : deny('Only the panel’s chair records its meetings and decisions.');
      default:
        return deny('This action is not about a case.');
    }
  }
  if (action === 'panels.chair') {
    return has(actor, 'panel_chair') || (isSocialCareStaff(actor) && has(actor, 'manager')) ? allow() : deny('Only panel chairs and social care managers run panel meetings.');
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
    case 'documents.remove':
      if (!view.allowed) return view;
      return socialCareManager(actor) ? view : deny('Only a children’s social care manager can remove a document from a record.');
    case 'person.merge':
    case 'person.restrict':
    case 'person.viewers':
      if (!view.allowed) return view;
      return isSocialCareStaff(actor) && has(actor, 'manager') ? view : deny('Only children’s social care managers can do this.');
    // Any agency that knows the child may start early help or bring the child to a panel.
    case 'earlyhelp.open':
    case 'panels.refer':
      return view;
    case 'missing.report':
    case 'voice.record':
      return view;
    case 'tools.score':
      if (!view.allowed) return view;
      return has(actor, 'practitioner', 'manager', 'partner_practitioner', 'panel_chair') ? view : deny('Only practitioners, managers and panel chairs score practice tools.');
    case 'socialcare.refer':
    case 'socialcare.work':
      if (!view.allowed) return view;
      return isSocialCareStaff(actor) ? view : deny('Only children’s social care records a referral directly; other agencies record a contact.');
    case 'earlyhelp.step_down':
      if (!view.allowed) return view;
      return isSocialCareStaff(actor) ? view : deny('Only children’s social care steps a case down to early help.');
    default:
      return deny('This action is not about a person’s record.');
  }
}
