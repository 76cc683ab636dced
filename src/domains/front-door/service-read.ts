import { socialCareCaseworkers } from '../../platform/auth/users.ts';
import type { ContactStatus } from '../../db/types.ts';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { childrenLabel, decisionClock, isFrontDoor, maySignOff, openContact, showPeople, type ShownPerson, viewOf } from './access.ts';
import { OUTCOMES, STATUS } from './codes.ts';
import * as repo from './repository.ts';
import * as checks from './repository-checks.ts';
import { thresholdFramework } from './service-threshold.ts';

export interface ListFilters {
  status: 'open' | ContactStatus;
  /** A user id, 'unallocated', 'me' or null for anyone. */
  allocatedTo: string | null;
}

const statusesFor = (status: ListFilters['status']): ContactStatus[] => (status === 'open' ? ['awaiting_decision', 'awaiting_sign_off'] : [status]);

/** The outcome in plain words, only once the decision is signed off: before that it is the MASH's working. */
export const publicOutcome = (c: { status: ContactStatus; decision_outcome: string | null }) =>
  c.status === 'decided' && c.decision_outcome ? (OUTCOMES[c.decision_outcome as keyof typeof OUTCOMES] ?? c.decision_outcome) : null;

/** What a partner is told of a contact's progress. */
export const publicStatus = (status: ContactStatus) => (status === 'decided' ? STATUS.decided : 'Awaiting decision');

async function rowsWithPeople(ctx: RequestContext, rows: repo.ContactListRow[]) {
  const ids = rows.map((r) => r.id);
  const [people, recontacts] = await Promise.all([repo.contactPeople(ctx.db, ids), repo.recontactedChildren(ctx.db, ids)]);
  const shown = await showPeople(ctx, people);
  const today = ukToday();
  return rows.map((r) => {
    const onContact = shown.get(r.id) ?? [];
    return {
      ...r,
      people: onContact,
      children: childrenLabel(onContact),
      firstVisibleChildId: onContact.find((p) => p.role === 'child' && p.canOpen)?.id ?? null,
      recontact: recontacts.some((x) => x.contact_id === r.id),
      clock: decisionClock(r, today),
    };
  });
}
export type ListedContact = Awaited<ReturnType<typeof rowsWithPeople>>[number];

/**
 * The MASH queue for the front door: contacts awaiting decision or sign-off, most urgent first, then by due date.
 * Decided contacts are listed newest first (the last 200).
 */
export async function frontDoorQueue(ctx: RequestContext, filters: ListFilters) {
  authorise(ctx, 'frontdoor.work');
  const allocatedTo = filters.allocatedTo === 'me' ? ctx.actor.id : filters.allocatedTo;
  const rows = await repo.listContacts(ctx.db, { statuses: statusesFor(filters.status), allocatedTo, limit: 200 });
  return { contacts: await rowsWithPeople(ctx, rows), workers: await socialCareCaseworkers(ctx.db), canAllocate: maySignOff(ctx.actor) };
}

/** Contacts the actor's agency made (in social care, the actor), with their status and (once signed off) outcome, newest first. */
export async function agencyContacts(ctx: RequestContext, status: ListFilters['status'] | 'all' = 'all', limit = 200) {
  authorise(ctx, 'contact.create');
  const statuses: ContactStatus[] = status === 'all' ? ['awaiting_decision', 'awaiting_sign_off', 'decided'] : statusesFor(status);
  const ownOnly = ctx.actor.agencyKind === 'social_care';
  const rows = await repo.listContacts(ctx.db, { statuses, allocatedTo: null, madeByAgencyId: ctx.actor.agencyId, createdBy: ownOnly ? ctx.actor.id : undefined, limit });
  return rowsWithPeople(ctx, rows);
}

/** Multi-agency checks asked of the actor's agency: waiting ones, and those answered in the last 30 days. */
export async function checksForMyAgency(ctx: RequestContext) {
  authorise(ctx, 'contact.create');
  const rows = await checks.checksForAgency(ctx.db, ctx.actor.agencyId);
  const people = await showPeople(ctx, await repo.contactPeople(ctx.db, [...new Set(rows.map((r) => r.contact_id))]));
  return rows.map((r) => ({ ...r, children: childrenLabel(people.get(r.contact_id) ?? []) }));
}

/**
 * Everything the contact page shows, cut to what the actor may see: the front door sees the whole record,
 * the checks and the decision; the agency that made it sees what it recorded, the status and the outcome.
 * Opening it is a read of each child's record, so each is audited.
 */
export async function contactPage(ctx: RequestContext, id: string) {
  const { contact, view } = await openContact(ctx, id);
  const rows = await repo.contactPeople(ctx.db, [id]);
  const people: ShownPerson[] = (await showPeople(ctx, rows, { action: 'contact.view', resourceType: 'contact', resourceId: id })).get(id) ?? [];
  const childIds = people.filter((p) => p.role === 'child').map((p) => p.id);
  const [recontacts, previous] = await Promise.all([repo.recontactedChildren(ctx.db, [id]), repo.previousContacts(ctx.db, id, childIds)]);
  const base = {
    contact,
    view,
    people,
    children: people.filter((p) => p.role === 'child').map((p) => ({ ...p, recontact: recontacts.some((r) => r.person_id === p.id) })),
    household: people.filter((p) => p.role === 'household'),
    clock: decisionClock(contact, ukToday()),
    outcome: publicOutcome(contact),
    previous: previous.filter((p) => viewOf(ctx.actor, p) !== null).map((p) => ({ ...p, outcome: viewOf(ctx.actor, p) === 'full' ? p.decision_outcome : publicOutcome(p) ? p.decision_outcome : null })),
  };
  if (view === 'agency') return { ...base, checks: [], framework: null, workers: [], permissions: { decide: false, signOff: false, allocate: false, take: false, requestChecks: false, selfSignOff: false } };
  const [checkRows, framework, workers] = await Promise.all([checks.checksForContact(ctx.db, id), thresholdFramework(ctx.db), socialCareCaseworkers(ctx.db)]);
  const open = contact.status !== 'decided';
  const manager = maySignOff(ctx.actor);
  return {
    ...base,
    checks: checkRows,
    framework,
    workers,
    permissions: {
      decide: contact.status === 'awaiting_decision' && isFrontDoor(ctx.actor),
      signOff: contact.status === 'awaiting_sign_off' && manager,
      allocate: open && manager,
      take: open && !manager && contact.allocated_to !== ctx.actor.id && contact.allocated_to === null,
      requestChecks: open,
      selfSignOff: manager,
    },
  };
}
export type ContactPage = Awaited<ReturnType<typeof contactPage>>;
