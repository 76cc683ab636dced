import { authorise, type RequestContext, viewablePeople } from '../../platform/access/authorise.ts';
import { type Actor, can } from '../../platform/access/rules.ts';
import { recordAccess } from '../../platform/audit/audit.ts';
import { CLOCK_LABELS, clockStatus, daysOverdue } from '../../platform/calendar/clocks.ts';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.ts';
import { UUID } from '../../platform/http/params.ts';
import { PERSON_TYPE } from '../people/codes.ts';
import * as repo from './repository.ts';

export const isFrontDoor = (actor: Actor) => can(actor, 'frontdoor.work').allowed;
export const maySignOff = (actor: Actor) => can(actor, 'frontdoor.sign_off').allowed;

/** How much of a contact the actor sees: the front door everything; the agency that made it its status and outcome. */
export type ContactView = 'full' | 'agency';

/**
 * Social care's own contacts are the front door's records (calls it took from the public, say), so someone in
 * social care outside the front door (a LADO) sees only the ones they recorded themselves.
 */
export const madeByActor = (actor: Actor, contact: { made_by_agency_id: string; created_by: string | null }) =>
  contact.made_by_agency_id === actor.agencyId && (actor.agencyKind !== 'social_care' || contact.created_by === actor.id);

export const viewOf = (actor: Actor, contact: { made_by_agency_id: string; created_by: string | null }): ContactView | null =>
  isFrontDoor(actor) ? 'full' : madeByActor(actor, contact) ? 'agency' : null;

/**
 * Loads a contact the actor may see. The role is checked before the record is read (a refused role learns
 * nothing, not even whether the id exists); then the record decides: the front door, or the agency that made it.
 */
export async function openContact(ctx: RequestContext, id: string): Promise<{ contact: repo.ContactRow; view: ContactView }> {
  authorise(ctx, 'contact.create');
  const contact = UUID.test(id) ? await repo.findContact(ctx.db, id) : undefined;
  if (!contact) throw new NotFoundError();
  const view = viewOf(ctx.actor, contact);
  if (!view) {
    await recordAccess(ctx.db, { userId: ctx.actor.id, action: 'contact.view', outcome: 'denied', resourceType: 'contact', resourceId: id, requestId: ctx.requestId });
    throw new ForbiddenError('Only the front door and the agency that made a contact can see it.');
  }
  return { contact, view };
}

export interface ShownPerson {
  id: string;
  role: 'child' | 'household';
  relationship: string | null;
  /** Null when the actor may not open this person's record: lists never show a name to someone who could not. */
  name: string | null;
  dateOfBirth: string | null;
  personType: string;
  canOpen: boolean;
}

/**
 * The people on contacts as the actor may see them; with `audit`, each one shown is written to the access
 * audit (a contact page is a read of every child on it).
 */
export async function showPeople(ctx: RequestContext, rows: repo.ContactPersonRow[], audit?: { action: string; resourceType: string; resourceId: string }): Promise<Map<string, ShownPerson[]>> {
  const viewable = await viewablePeople(ctx, rows.map((r) => r.person_id));
  const visible = new Map([...new Set(rows.map((r) => r.person_id))].map((id) => [id, viewable.has(id)]));
  const byContact = new Map<string, ShownPerson[]>();
  for (const r of rows) {
    const canOpen = visible.get(r.person_id) ?? false;
    const list = byContact.get(r.contact_id) ?? [];
    list.push({
      id: r.person_id,
      role: r.role,
      relationship: r.relationship,
      name: canOpen ? `${r.given_name} ${r.family_name}` : null,
      dateOfBirth: canOpen ? (r.date_of_birth ?? r.expected_date_of_delivery) : null,
      personType: PERSON_TYPE[r.person_type] ?? r.person_type,
      canOpen,
    });
    byContact.set(r.contact_id, list);
  }
  if (audit) {
    for (const [id, canOpen] of visible) {
      if (canOpen) await recordAccess(ctx.db, { userId: ctx.actor.id, action: audit.action, outcome: 'allowed', resourceType: audit.resourceType, resourceId: audit.resourceId, personId: id, requestId: ctx.requestId });
    }
  }
  return byContact;
}

/** Children named in a list: "Ann Smith and Ben Smith", with any the actor may not see counted, not named. */
export function childrenLabel(people: readonly ShownPerson[]): string {
  const children = people.filter((p) => p.role === 'child');
  const named = children.filter((c) => c.name).map((c) => c.name!);
  const hidden = children.length - named.length;
  if (hidden) named.push(hidden === 1 ? 'a child whose record you cannot open' : `${hidden} children whose records you cannot open`);
  return named.length <= 2 ? named.join(' and ') : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}

/** The 1-working-day clock as it stands today; none once the decision is made. */
export function decisionClock(contact: { decision_due: string; status: string }, today: string) {
  if (contact.status === 'decided') return null;
  const status = clockStatus(contact.decision_due, today);
  return { due: contact.decision_due, status, tag: CLOCK_LABELS[status], overdue: status === 'overdue', daysOverdue: daysOverdue(contact.decision_due, today) };
}
export type DecisionClock = ReturnType<typeof decisionClock>;

