import { authorise, authorisePerson, type RequestContext, viewablePeople } from '../../platform/access/authorise.ts';
import { addMonths, ukDate, ukToday } from '../../platform/calendar/working-days.ts';
import { clockStatus } from '../../platform/calendar/clocks.ts';
import { startOfUkDay } from '../../platform/calendar/uk-days.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { fullName } from '../people/names.ts';
import { personHeading } from '../people/service.ts';
import { EXPLOITATION_INDICATORS } from './labels.ts';
import { interviewClockRuns, stateOf } from './machine.ts';
import { durationText, incidentFigures, missingPattern, momentStatus } from './patterns.ts';
import * as repo from './repository.ts';
import { episodeForStep, mayDo } from './service.ts';
import { can } from '../../platform/access/rules.ts';
import { foundPlaceOfEpisode } from '../outside-home/places-incidents.ts';

/** The interview clock of an episode now: due moment and status, or null once it is held or declined. */
export function interviewClock(e: repo.EpisodeRow, now = new Date()) {
  const state = stateOf(e);
  if (!e.interview_due_at || !interviewClockRuns(state)) return null;
  return { dueAt: e.interview_due_at, status: momentStatus(e.interview_due_at, now) };
}

function episodeView(e: repo.EpisodeRow & { agency_name?: string | null; interviewer_name?: string | null }, now: Date) {
  const state = stateOf(e);
  return {
    ...e,
    state,
    clock: interviewClock(e, now),
    missingFor: durationText(e.started_at, e.returned_at ?? now),
    offeredInTime: e.interview_offered_at && e.interview_due_at ? e.interview_offered_at <= e.interview_due_at : null,
    indicatorLabels: e.interview_indicators.map((c) => EXPLOITATION_INDICATORS[c] ?? c),
  };
}

/** A child's missing page: episodes, the repeat pattern, screenings, and what the reader may do. Audited. */
export async function childMissingPage(ctx: RequestContext, personId: string, now = new Date()) {
  await authorisePerson(ctx, personId, 'person.view');
  const [heading, episodes, screenings, may] = await Promise.all([personHeading(ctx, personId), repo.episodesOf(ctx.db, personId), repo.screeningsOf(ctx.db, personId), mayDo(ctx, personId)]);
  const today = ukToday(now);
  const latest = screenings[0];
  return {
    heading,
    episodes: episodes.map((e) => episodeView(e, now)),
    open: episodes.find((e) => !e.returned_at) ?? null,
    pattern: missingPattern(episodes, now),
    screenings: screenings.map((s) => ({ ...s, indicatorLabels: s.indicators.map((c) => EXPLOITATION_INDICATORS[c] ?? c) })),
    screeningReview: latest ? { due: latest.review_due, status: clockStatus(latest.review_due, today) } : null,
    may,
  };
}

/** One episode's page. Audited as a view of the child. */
export async function episodePage(ctx: RequestContext, episodeId: string, now = new Date()) {
  const row = await repo.findEpisode(ctx.db, episodeId);
  if (!row) throw new NotFoundError();
  await authorisePerson(ctx, row.person_id, 'person.view');
  const [heading, all, may] = await Promise.all([personHeading(ctx, row.person_id), repo.episodesOf(ctx.db, row.person_id), mayDo(ctx, row.person_id)]);
  const full = all.find((e) => e.id === episodeId)!;
  // The place of concern they were found at, for those who work with places (harm outside the home).
  const foundPlace = can(ctx.actor, 'outside.view').allowed ? await foundPlaceOfEpisode(ctx, episodeId) : null;
  return { heading, episode: episodeView(full, now), may, foundPlace };
}

/** A step's form: the episode at the version read and the child, checked against who may record that step. */
export async function stepForm(ctx: RequestContext, episodeId: string, action: 'missing.report' | 'missing.interview') {
  const { row, state } = await episodeForStep(ctx, episodeId, action);
  return { row, state, heading: await personHeading(ctx, row.person_id) };
}

/**
 * The missing children list for social care: children missing now (longest first, with how long), return home
 * interviews outstanding with their 72-hour clocks, children going missing repeatedly, and the year's figures.
 */
export async function missingList(ctx: RequestContext, now = new Date()) {
  authorise(ctx, 'socialcare.list');
  const yearAgo = startOfUkDay(addMonths(ukDate(now), -12));
  const [missing, interviews, year] = await Promise.all([repo.currentlyMissing(ctx.db), repo.interviewsOutstanding(ctx.db), repo.episodesSince(ctx.db, yearAgo)]);
  const byChild = new Map<string, typeof year>();
  for (const e of year) byChild.set(e.person_id, [...(byChild.get(e.person_id) ?? []), e]);
  const repeat = [...byChild.entries()]
    .map(([personId, eps]) => ({ personId, name: fullName(eps[0]!), pattern: missingPattern(eps, now) }))
    .filter((c) => c.pattern.repeat)
    .sort((a, b) => b.pattern.last90Days - a.pattern.last90Days);
  const visible = await viewablePeople(ctx, [...missing, ...interviews].map((e) => e.person_id).concat(repeat.map((r) => r.personId)));
  const shown = (personId: string, name: string) => (visible.has(personId) ? name : 'A child you cannot see');
  const statusOrder = { overdue: 0, due: 1, on_track: 2 };
  return {
    missing: missing.map((e) => ({ ...episodeView(e, now), name: shown(e.person_id, fullName(e)), visible: visible.has(e.person_id) })),
    interviews: interviews
      .map((e) => ({ ...episodeView(e, now), name: shown(e.person_id, fullName(e)), visible: visible.has(e.person_id) }))
      .sort((a, b) => statusOrder[a.clock?.status ?? 'on_track'] - statusOrder[b.clock?.status ?? 'on_track'] || Number(a.interview_due_at) - Number(b.interview_due_at)),
    repeat: repeat.map((r) => ({ ...r, name: shown(r.personId, r.name), visible: visible.has(r.personId) })),
    figures: incidentFigures(year),
    since: ukDate(yearAgo),
  };
}
