import type { Insertable, Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import type { ChronologyTable, Database } from '../../db/types.ts';
import type { CareLeaverContactsTable, CareLeaverEligibility, CareLeaversTable, PathwayPlansTable } from '../../db/types-social-care.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { ukMoment } from '../../platform/calendar/uk-time.ts';
import { addCalendarDays, addMonths } from '../../platform/calendar/working-days.ts';
import { ageOn, birthdayAt, OC3_WINDOW_MONTHS } from './oc3.ts';

/** What each young person's story shows on the list: the clocks in every state. */
type Story = 'contact_overdue' | 'review_due' | 'oc3_due' | 'unsuitable' | 'on_track';
const STORIES: Story[] = ['contact_overdue', 'review_due', 'oc3_due', 'unsuitable', 'on_track', 'on_track'];

/** Accommodation an adult care leaver might have (OC3 ACCOM), and what a 17-year-old might (no foyer, no staying put). */
const ADULT_HOMES = ['U1', 'D1', 'Z1', 'E1', 'T1', 'B1'];
const YOUNGER_HOMES = ['D1', 'E1', 'B1', 'C1'];
const ACTIVITIES = ['F2', 'F5', 'P5', 'F4', 'G5', 'F1'];

/**
 * About 6 care leavers aged 16 to 21 with Nia Brooks as personal adviser: contacts every 7 weeks or so from the
 * record opening, a pathway plan and its 6-monthly reviews, and one young person in each interesting state —
 * a contact overdue, a plan review due within days, an OC3 birthday due with no contact near it, and one living
 * somewhere unsuitable.
 */
export async function seedCareLeaversDemo(db: Kysely<Database>, org: DemoOrganisation, today: string, people: string[]): Promise<void> {
  if (!people.length) return;
  const nia = org.userIds['nia.brooks@cairn.example']!;
  const csc = org.agencyIds.csc!;
  const rows = await db.selectFrom('people').select(['id', 'date_of_birth']).where('id', 'in', people).execute();
  const young = rows.filter((p) => p.date_of_birth && ageOn(p.date_of_birth, today) >= 16 && ageOn(p.date_of_birth, today) <= 21).slice(0, STORIES.length);
  const leavers: Insertable<CareLeaversTable>[] = [];
  const plans: Insertable<PathwayPlansTable>[] = [];
  const contacts: Insertable<CareLeaverContactsTable>[] = [];
  const chronology: Insertable<ChronologyTable>[] = [];
  const note = (personId: string, on: string, entryType: string, summary: string, id: string) =>
    chronology.push({ person_id: personId, occurred_at: ukMoment(on, '11:00')!, entry_type: entryType, summary, agency_id: csc, recorded_by: nia, record_type: 'care_leaver', record_id: id });

  for (const [i, person] of young.entries()) {
    const story = STORIES[i]!;
    const dob = person.date_of_birth!;
    const age = ageOn(dob, today);
    const eligibility: CareLeaverEligibility = age < 18 ? (i % 2 ? 'eligible' : 'relevant') : 'former_relevant';
    // They left care (or started planning) 9 months after turning 16, or at most three years ago.
    const opened = [addMonths(birthdayAt(dob, 16), 9), addMonths(today, -36)].sort().at(-1)!;
    const openedOn = opened > addCalendarDays(today, -70) ? addCalendarDays(today, -70) : opened;
    const id = uuidv7();
    leavers.push({ id, person_id: person.id, eligibility, personal_adviser_id: nia, opened_on: openedOn, created_by: nia, version: 2 });
    note(person.id, openedOn, 'care_leaver.opened', `Care leaver record opened (${eligibility.replace('_', ' ')})`, id);

    // Pathway plans: one at opening, then reviews every 6 months; the "review due" story's next review is 5 days off.
    const planDates: string[] = [];
    for (let on = openedOn; on <= today; on = addMonths(on, 6)) planDates.push(on);
    const reviewSoon = addMonths(addCalendarDays(today, 5), -6);
    if (story === 'review_due' && reviewSoon > openedOn) {
      const cut = planDates.findIndex((d) => d > reviewSoon);
      planDates.splice(cut === -1 ? planDates.length : cut, Infinity, reviewSoon);
    }
    for (const [k, planDate] of [...new Set(planDates)].sort().entries()) {
      plans.push({
        id: uuidv7(), care_leaver_id: id, person_id: person.id, plan_date: planDate, next_review_due: dueDate('pathwayPlanReview', planDate),
        accommodation: 'Settled in supported accommodation; plan to move to own tenancy with a setting-up-home grant.', activity: 'College course; looking for an apprenticeship.',
        summary: 'Health: registered with a GP and dentist. Money: budgeting support. Relationships: sees siblings monthly. Next steps agreed with the young person.', created_by: nia,
      });
      note(person.id, planDate, k === 0 ? 'care_leaver.pathway_plan' : 'care_leaver.pathway_plan_review', `${k === 0 ? 'Pathway plan' : 'Pathway plan review'} on ${planDate}`, id);
    }

    // Keeping in touch roughly every 7 weeks up to the story's last contact.
    let last = story === 'contact_overdue' ? addCalendarDays(today, -70) : addCalendarDays(today, -(10 + i * 4));
    if (story === 'oc3_due') {
      // Keep the nearest birthday's window (today inside it) free of contacts, so its OC3 answer is due.
      const nextAge = [17, 18, 19, 20, 21].find((a) => addMonths(birthdayAt(dob, a), OC3_WINDOW_MONTHS) >= today) ?? 21;
      const windowStart = addMonths(birthdayAt(dob, nextAge), -OC3_WINDOW_MONTHS);
      if (windowStart <= today) last = addCalendarDays(windowStart, -3);
    }
    const dates: string[] = [];
    for (let on = last; on > openedOn; on = addCalendarDays(on, -49)) dates.push(on);
    for (const [k, on] of dates.entries()) {
      const adult = ageOn(dob, on) >= 18;
      const homes = adult ? ADULT_HOMES : YOUNGER_HOMES;
      const accommodation = story === 'unsuitable' && k === 0 ? 'W2' : homes[(i + k) % homes.length]!;
      contacts.push({ id: uuidv7(), care_leaver_id: id, person_id: person.id, contact_date: on, in_touch: 'YES', accommodation, activity: ACTIVITIES[(i + k) % ACTIVITIES.length]!, notes: k === 0 && story === 'unsuitable' ? 'Lost their tenancy; in bed and breakfast while housing finds somewhere.' : null, created_by: nia });
      note(person.id, on, 'care_leaver.contact', `Keeping in touch on ${on}`, id);
    }
  }
  if (leavers.length) await db.insertInto('care_leavers').values(leavers).execute();
  if (plans.length) await db.insertInto('pathway_plans').values(plans).execute();
  if (contacts.length) await db.insertInto('care_leaver_contacts').values(contacts).execute();
  if (chronology.length) await db.insertInto('chronology').values(chronology).execute();
}
