import { loadPersonScope } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { formatDate } from '../../platform/views/format.ts';
import type { RecordSection, SectionSource } from '../casework/record-section.ts';
import { contactClock, pathwayPlanClock } from './clocks.ts';
import { ELIGIBILITY_LABELS } from './labels.ts';
import { ageOn, birthdayWindows } from './oc3.ts';
import * as repo from './repository.ts';

/** What the young person's social care record shows about their care leaver record. */
export const careLeaverSection: SectionSource = async (ctx, personId) => {
  const row = await repo.findCareLeaverByPerson(ctx.db, personId);
  const scope = await loadPersonScope(ctx, personId);
  const mayWork = Boolean(scope) && can(ctx.actor, 'socialcare.work', { kind: 'case', case: { person: scope!, teamUserIds: row?.personal_adviser_id ? [row.personal_adviser_id] : [] } }).allowed;
  const today = ukToday();
  const dateOfBirth = await repo.dateOfBirthOf(ctx.db, personId);
  if (!row) {
    // A young person aged 16 to 25 with no record yet: offer to open one (an eligible 16-year-old still in care).
    const age = dateOfBirth ? ageOn(dateOfBirth, today) : null;
    if (!mayWork || age === null || age < 16 || age > 25) return null;
    return { title: 'Care leaver', status: 'No care leaver record', rows: [], actions: [{ href: `/people/${personId}/care-leaver/new`, text: 'Open a care leaver record' }] };
  }
  const [contacts, plans] = await Promise.all([repo.contactsOf(ctx.db, [row.id]), repo.plansOf(ctx.db, [row.id])]);
  const r = { eligibility: row.eligibility, openedOn: row.opened_on, closedOn: row.closed_on, dateOfBirth };
  const rows: RecordSection['rows'] = [];
  const adviser = row.personal_adviser_id ? await repo.userNameOf(ctx.db, row.personal_adviser_id) : null;
  rows.push({ label: 'Personal adviser', value: adviser ?? 'Not assigned' });
  const plan = pathwayPlanClock(r, plans[0] ?? null, today);
  if (plan) rows.push({ label: plans.length ? 'Pathway plan review due' : 'First pathway plan due', value: formatDate(plan.due), clock: plan });
  const contact = contactClock(r, contacts[0] ?? null, today);
  if (contact) rows.push({ label: 'Next keeping-in-touch contact', value: formatDate(contact.due), clock: contact });
  const due = birthdayWindows(r, contacts, today).find((w) => w.status === 'due');
  if (due?.clock) rows.push({ label: `OC3 information for the ${due.age}th birthday`, value: `Due by ${formatDate(due.to)}`, clock: due.clock });
  const status = row.closed_on
    ? `Care leaver record closed on ${formatDate(row.closed_on)}`
    : `${ELIGIBILITY_LABELS[row.eligibility].name} care leaver since ${formatDate(row.opened_on)}`;
  const actions: RecordSection['actions'] = [{ href: `/care-leavers/${row.id}`, text: 'Care leaver record' }];
  if (mayWork && !row.closed_on) actions.push({ href: `/care-leavers/${row.id}/contacts/new`, text: 'Record keeping in touch' }, { href: `/care-leavers/${row.id}/plans/new`, text: 'Record a pathway plan or review' });
  if (mayWork && row.closed_on) actions.push({ href: `/people/${personId}/care-leaver/new`, text: 'Open the care leaver record again' });
  return { title: 'Care leaver', status, rows, actions };
};
