import { loadPersonScope, type RequestContext } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { LEGAL_STATUSES, PLACEMENT_TYPES } from '../../platform/codes/ssda903.ts';
import { formatDate } from '../../platform/views/format.ts';
import type { RecordSection, SectionSource } from '../casework/record-section.ts';
import { CARE_LABEL, CHECK_KINDS, periodHref } from './labels.ts';
import * as repo from './repository.ts';
import { summarise } from './summary.ts';

/**
 * The children in care part of a child's social care record: where the current period of care stands (legal
 * status, placement, the review, visit and health clocks, stability), or the last period if the child has left
 * care. The record page has already decided and audited that the reader may see the child.
 */
export const childrenInCareSection: SectionSource = async (ctx: RequestContext, personId: string): Promise<RecordSection | null> => {
  const periods = await repo.periodsOf(ctx.db, personId);
  const scope = await loadPersonScope(ctx, personId);
  const work = scope ? can(ctx.actor, 'socialcare.work', { kind: 'case', case: { person: scope, teamUserIds: [] } }).allowed : false;
  const latest = periods[0];
  if (!latest) {
    return { title: CARE_LABEL.plural, status: 'Has never been looked after', rows: [], actions: work ? [{ href: `/people/${personId}/care/new`, text: 'Record becoming looked after' }] : [] };
  }
  const [s] = await summarise(ctx.db, [latest], ukToday());
  const c = s!.current;
  const placement = `${PLACEMENT_TYPES[c.placement_type]}${c.carer_name ? `: ${c.carer_name}` : ''}`;
  if (latest.end_date) {
    return {
      title: CARE_LABEL.plural,
      status: `Left care on ${formatDate(latest.end_date)} after a ${CARE_LABEL.period} from ${formatDate(latest.start_date)}`,
      rows: [{ label: 'Last placement', value: placement }],
      actions: [{ href: periodHref(latest.id), text: 'See the period of care' }, ...(work ? [{ href: `/people/${personId}/care/new`, text: 'Record becoming looked after again' }] : [])],
    };
  }
  const rows: RecordSection['rows'] = [
    { label: 'Legal status', value: LEGAL_STATUSES[c.legal_status]! },
    { label: 'Placement', value: `${placement} (since ${formatDate(s!.placementStart)})` },
  ];
  if (s!.review) rows.push({ label: s!.review.label, value: 'Due', clock: { due: s!.review.due, status: s!.review.status } });
  if (s!.visit) rows.push({ label: 'Next visit', value: s!.lastVisit ? `Last visit ${formatDate(s!.lastVisit)}` : 'No visit recorded', clock: { due: s!.visit.due, status: s!.visit.status } });
  for (const k of s!.checks.filter((x) => x.status !== 'on_track')) rows.push({ label: CHECK_KINDS[k.kind], value: k.lastDone ? `Last ${formatDate(k.lastDone)}` : 'Not yet done', clock: { due: k.due, status: k.status } });
  if (s!.stability.unstable) rows.push({ label: 'Placement stability', value: `${s!.stability.placementsInYear} placements in the last 12 months` });
  return {
    title: CARE_LABEL.plural,
    status: `Looked after since ${formatDate(latest.start_date)}${latest.uasc ? ' (unaccompanied asylum-seeking child)' : ''}`,
    rows,
    actions: [
      { href: periodHref(latest.id), text: 'See the period of care' },
      ...(work ? [{ href: `${periodHref(latest.id)}/change`, text: 'Change legal status or placement' }, { href: `/people/${personId}/visits/new?purpose=looked_after`, text: 'Record a visit' }] : []),
    ],
  };
};
