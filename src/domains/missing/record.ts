import type { RecordSection, SectionSource } from '../casework/record-section.ts';
import { clockStatus } from '../../platform/calendar/clocks.ts';
import { ukDate, ukToday } from '../../platform/calendar/working-days.ts';
import { formatDate, formatDateTime } from '../../platform/views/format.ts';
import { STATE_TAGS, stateOf } from './machine.ts';
import { missingPattern } from './patterns.ts';
import * as repo from './repository.ts';
import { mayDo } from './service.ts';
import { interviewClock } from './service-views.ts';

/** What the child's social care record shows about missing episodes and exploitation (null when nothing). */
export const missingSection: SectionSource = async (ctx, personId) => {
  const [episodes, screenings] = await Promise.all([repo.episodesOf(ctx.db, personId), repo.screeningsOf(ctx.db, personId)]);
  if (!episodes.length && !screenings.length) return null;
  const now = new Date();
  const may = await mayDo(ctx, personId);
  const open = episodes.find((e) => !e.returned_at);
  const pattern = missingPattern(episodes, now);
  const latest = episodes[0];
  const rows: RecordSection['rows'] = [];
  if (latest) {
    const clock = interviewClock(latest, now);
    rows.push({ label: 'Latest episode', value: `${formatDateTime(latest.started_at)}: ${STATE_TAGS[stateOf(latest)].text.toLowerCase()}` });
    if (clock) rows.push({ label: 'Return home interview due', value: formatDateTime(clock.dueAt), clock: { due: ukDate(clock.dueAt), status: clock.status } });
  }
  rows.push({ label: 'Episodes in the last 12 months', value: `${pattern.last12Months} (${pattern.last90Days} in the last 90 days)` });
  const screening = screenings[0];
  if (screening) {
    rows.push({ label: 'Exploitation screening review', value: formatDate(screening.review_due), clock: { due: screening.review_due, status: clockStatus(screening.review_due, ukToday()) } });
  }
  const status = open
    ? `Missing now, since ${formatDateTime(open.started_at)}`
    : pattern.repeat
      ? `Going missing repeatedly: ${pattern.last90Days} episodes in 90 days`
      : `${episodes.length} missing episode${episodes.length === 1 ? '' : 's'} recorded`;
  const actions: RecordSection['actions'] = [{ href: `/people/${personId}/missing`, text: 'Missing episodes and exploitation' }];
  if (may.report && !open) actions.push({ href: `/people/${personId}/missing/new`, text: 'Report missing' });
  if (open && may.report) actions.push({ href: `/missing/${open.id}/return`, text: 'Record their return' });
  if (may.screen) actions.push({ href: `/people/${personId}/exploitation/new`, text: 'Record an exploitation screening' });
  return { title: 'Missing and exploitation', status, rows, actions };
};
