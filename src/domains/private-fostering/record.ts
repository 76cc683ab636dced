import { loadPersonScope } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { formatDate } from '../../platform/views/format.ts';
import type { RecordSection, SectionSource } from '../casework/record-section.ts';
import { RELATIONSHIPS } from './labels.ts';
import * as repo from './repository.ts';
import { ageOn, isDisabled, visitClock } from './rules.ts';

/**
 * What the child's social care record shows about private fostering: the current arrangement with its visit
 * clock, or (for a child young enough, to social care staff) a link to record a notification.
 */
export const privateFosteringSection: SectionSource = async (ctx, personId) => {
  const scope = await loadPersonScope(ctx, personId);
  const mayWork = Boolean(scope) && can(ctx.actor, 'socialcare.work', { kind: 'person', person: scope! }).allowed;
  if (!mayWork) return null;
  const [arrangements, facts] = await Promise.all([repo.arrangementsOfPerson(ctx.db, personId), repo.childFacts(ctx.db, personId)]);
  const today = ukToday();
  const limit = isDisabled(facts?.disabilities ?? []) ? 18 : 16;
  const young = facts?.person_type === 'child' && Boolean(facts.date_of_birth) && ageOn(facts.date_of_birth!, today) < limit;
  const notify = { href: `/people/${personId}/private-fostering/new`, text: 'Record a private fostering notification' };
  const current = arrangements.find((a) => !a.ended_on);
  if (!current) {
    if (!arrangements.length && !young) return null;
    const last = arrangements[0];
    return {
      title: 'Private fostering',
      status: last ? `Privately fostered until ${formatDate(last.ended_on)}` : 'Not known to be privately fostered',
      rows: [],
      actions: [...(last ? [{ href: `/private-fostering/${last.id}`, text: 'Last private fostering arrangement' }] : []), ...(young ? [notify] : [])],
    };
  }
  const [carers, visits] = await Promise.all([repo.carersOf(ctx.db, [current.id]), repo.visitsOf(ctx.db, [current.id])]);
  const clock = visitClock({ notifiedOn: current.notified_on, startDate: current.start_date, endedOn: null }, visits[0]?.visit_date ?? null, today);
  const rows: RecordSection['rows'] = [
    { label: 'Carers', value: carers.map((c) => `${c.name} (${RELATIONSHIPS[c.relationship]?.label.toLowerCase() ?? c.relationship})`).join(', ') },
    { label: 'Notified', value: formatDate(current.notified_on) },
  ];
  if (clock) rows.push({ label: visits.length ? 'Next private fostering visit' : 'First private fostering visit', value: formatDate(clock.due), clock });
  return {
    title: 'Private fostering',
    status: `Privately fostered ${current.start_date <= today ? 'since' : 'from'} ${formatDate(current.start_date)}`,
    rows,
    actions: [
      { href: `/private-fostering/${current.id}`, text: 'Private fostering arrangement' },
      { href: `/private-fostering/${current.id}/visits/new`, text: 'Record a private fostering visit' },
    ],
  };
};
