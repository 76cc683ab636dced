import { PRIMARY_NEEDS } from '../../../../platform/codes/cin.ts';
import { EPISODE_CEASED_REASONS, LEGAL_STATUSES, NEW_EPISODE_REASONS, PLACEMENT_CHANGE_REASONS } from '../../../../platform/codes/ssda903.ts';
import { CEASE_AGE } from '../../../children-in-care/rules-903.ts';
import { age, daysBetween, dobOf, eachChildEpisodes, eachRow, type Episode, type Rule903, rule } from './common.ts';

/** The episodes' own dates and codes, and how each child's episodes follow one another. */

const NEEDS = Object.keys(PRIMARY_NEEDS).filter((c) => /^N[1-8]$/.test(c));

/** Consecutive pairs of a child's episodes. */
function* pairs(list: Episode[]): Iterable<[Episode, Episode]> {
  for (let i = 1; i < list.length; i++) yield [list[i - 1]!, list[i]!];
}

export const EPISODE_RULES: Rule903[] = [
  rule({
    code: '141',
    severity: 'error',
    message: 'The date the episode started (DECOM) is missing or not a real date.',
    fields: ['DECOM'],
    check: eachRow('Episodes', (_r, _c, date) => !date('DECOM')),
  }),
  rule({
    code: '147',
    severity: 'error',
    message: 'The date the episode ceased (DEC) is not a real date.',
    fields: ['DEC'],
    check: eachRow('Episodes', (r, _c, date) => Boolean(r.DEC) && !date('DEC')),
  }),
  rule({
    code: '143',
    severity: 'error',
    message: 'The reason for the new episode (RNE) is not one of S, L, P, T, B or U.',
    fields: ['RNE'],
    check: eachRow('Episodes', (r) => !(r.RNE! in NEW_EPISODE_REASONS)),
  }),
  rule({
    code: '144',
    severity: 'error',
    message: 'The legal status (LS) is not a valid 903 legal status code.',
    fields: ['LS'],
    check: eachRow('Episodes', (r) => !(r.LS! in LEGAL_STATUSES) && r.LS !== 'D1'),
  }),
  rule({
    code: '145',
    severity: 'error',
    message: 'The category of need (CIN) must be one of N1 to N8.',
    fields: ['CIN'],
    check: eachRow('Episodes', (r) => !NEEDS.includes(r.CIN!)),
  }),
  rule({
    code: '149',
    severity: 'error',
    message: 'The reason the episode ceased (REC) is not a valid 903 code.',
    fields: ['REC'],
    check: eachRow('Episodes', (r) => Boolean(r.REC) && !(r.REC! in EPISODE_CEASED_REASONS)),
  }),
  rule({
    code: '148',
    severity: 'error',
    message: 'The date and the reason the episode ceased go together: give both, or neither while the episode is open.',
    fields: ['DEC', 'REC'],
    check: eachRow('Episodes', (r) => (r.DEC ? !r.REC ? 'REC' : false : r.REC ? 'DEC' : false)),
  }),
  rule({
    code: '1009',
    severity: 'error',
    message: 'The reason for the placement change is not a valid 903 code.',
    fields: ['REASON_PLACE_CHANGE'],
    check: eachRow('Episodes', (r) => Boolean(r.REASON_PLACE_CHANGE) && !(r.REASON_PLACE_CHANGE! in PLACEMENT_CHANGE_REASONS)),
  }),
  rule({
    code: '142',
    severity: 'error',
    message: 'A later episode has started but this one has no end date: an episode must end before the next begins.',
    fields: ['DEC'],
    check: eachChildEpisodes(function* (list) {
      for (const [a] of pairs(list)) if (!a.row.DEC) yield [a, 'DEC'];
    }),
  }),
  rule({
    code: '501',
    severity: 'error',
    message: 'This episode starts before the previous episode ended: episodes must not overlap.',
    fields: ['DECOM'],
    check: eachChildEpisodes(function* (list) {
      for (const [a, b] of pairs(list)) if (a.dec && b.decom && b.decom < a.dec) yield b;
    }),
  }),
  rule({
    code: '302',
    severity: 'error',
    message: 'The first episode starts before the child was born.',
    fields: ['DECOM'],
    check: eachChildEpisodes(function* (list, _c, ret) {
      const dob = dobOf(ret, list[0]!.row.CHILD!);
      if (dob && list[0]!.decom && list[0]!.decom < dob) yield list[0]!;
    }),
  }),
  rule({
    code: '351',
    severity: 'error',
    message: 'The child was over 25 at the start of the year: they cannot be looked after.',
    fields: ['DOB'],
    check: eachChildEpisodes(function* (list, { period }, ret) {
      const dob = dobOf(ret, list[0]!.row.CHILD!);
      if (dob && age(dob, period.start) > 25) yield list[0]!;
    }),
  }),
  rule({
    code: '352',
    severity: 'error',
    message: 'A young person aged 18 or over cannot start to be looked after.',
    fields: ['DECOM', 'RNE'],
    check: eachChildEpisodes(function* (list, _c, ret) {
      const dob = dobOf(ret, list[0]!.row.CHILD!);
      for (const e of list) if (dob && e.decom && e.row.RNE === 'S' && age(dob, e.decom) >= 18) yield e;
    }),
  }),
  rule({
    code: '354',
    severity: 'error',
    message: 'The episode ends after the end of the collection year: leave DEC and REC blank for an episode still open at 31 March.',
    fields: ['DEC'],
    check: eachRow('Episodes', (_r, { period }, date) => Boolean(date('DEC')) && date('DEC')! > period.end),
  }),
  rule({
    code: '355',
    severity: 'error',
    message: 'The episode starts and ends on the same day: an episode must last at least a day (correct the episode instead).',
    fields: ['DEC'],
    check: eachRow('Episodes', (_r, _c, date) => Boolean(date('DEC')) && date('DEC') === date('DECOM')),
  }),
  rule({
    code: '356',
    severity: 'error',
    message: 'The episode ends before it starts.',
    fields: ['DEC'],
    check: eachRow('Episodes', (_r, _c, date) => Boolean(date('DEC') && date('DECOM')) && date('DEC')! < date('DECOM')!),
  }),
  rule({
    code: '357',
    severity: 'error',
    message: 'The child’s first episode in the year starts in the year, so it must be S: the child started to be looked after.',
    fields: ['RNE'],
    check: eachChildEpisodes(function* (list, { period }) {
      const first = list[0]!;
      if (first.decom && first.decom >= period.start && first.row.RNE !== 'S') yield first;
    }),
  }),
  rule({
    code: '431',
    severity: 'error',
    message: 'The episode is S (started to be looked after) but the previous episode had not ended before it: a continuing episode is not a new period of care.',
    fields: ['RNE', 'DECOM'],
    check: eachChildEpisodes(function* (list) {
      for (const [a, b] of pairs(list)) if (b.row.RNE === 'S' && a.dec && b.decom && b.decom <= a.dec) yield b;
    }),
  }),
  rule({
    code: '388',
    severity: 'error',
    message: 'REC X1 means another episode starts the same day; any other reason means the child left care, so no episode starts that day.',
    fields: ['REC'],
    check: eachChildEpisodes(function* (list) {
      for (let i = 0; i < list.length; i++) {
        const e = list[i]!;
        const next = list[i + 1];
        if (e.dec && (e.row.REC === 'X1') !== Boolean(next && next.decom === e.dec)) yield e;
      }
    }),
  }),
  rule({
    code: '437',
    severity: 'error',
    message: 'The child died or was found to be an adult (REC E2 or E15), so no episode can follow.',
    fields: ['REC'],
    check: eachChildEpisodes(function* (list) {
      for (const e of list.slice(0, -1)) if (e.row.REC === 'E2' || e.row.REC === 'E15') yield e;
    }),
  }),
  rule({
    code: '504',
    severity: 'error',
    message: 'The category of need changed within a period of care: it is set when the child starts to be looked after and stays the same.',
    fields: ['CIN'],
    check: eachChildEpisodes(function* (list) {
      for (const [a, b] of pairs(list)) if (a.row.REC === 'X1' && b.row.RNE !== 'S' && a.row.CIN !== b.row.CIN) yield b;
    }),
  }),
  rule({
    code: '386',
    severity: 'error',
    message: 'The reason for leaving care does not fit the young person’s age on the day (adoption, special guardianship and child arrangements orders are for under-18s; independent living 14 or over; adult social care 16 or over; staying put 18 or over).',
    fields: ['REC', 'DEC'],
    check: eachChildEpisodes(function* (list, _c, ret) {
      const dob = dobOf(ret, list[0]!.row.CHILD!);
      if (!dob) return;
      for (const e of list) {
        const limit = CEASE_AGE[e.row.REC!];
        if (!limit || !e.dec) continue;
        const years = age(dob, e.dec);
        if ((limit.under !== undefined && years >= limit.under) || (limit.atLeast !== undefined && years < limit.atLeast)) yield e;
      }
    }),
  }),
  rule({
    code: '358',
    severity: 'error',
    message: 'Legal statuses J1 to J3 (remand and youth justice) are only for children aged 10 or over.',
    fields: ['LS'],
    check: eachChildEpisodes(function* (list, _c, ret) {
      const dob = dobOf(ret, list[0]!.row.CHILD!);
      for (const e of list) if (dob && e.decom && ['J1', 'J2', 'J3'].includes(e.row.LS!) && age(dob, e.decom) < 10) yield e;
    }),
  }),
  ...([
    ['361', 'L1', 3, 'Police protection lasts at most 72 hours: this episode is longer.'],
    ['362', 'L2', 21, 'An emergency protection order lasts at most 8 days with one 7-day extension: this episode is longer than that allows.'],
    ['363', 'L3', 7, 'A child assessment order lasts at most 7 days: this episode is longer.'],
  ] as const).map(([code, ls, days, message]) =>
    rule({
      code,
      severity: 'error',
      message,
      fields: ['LS', 'DEC'],
      check: eachChildEpisodes(function* (list, { period }) {
        // The legal status may span several episodes (placement moves): count from its first to its last day.
        let from: string | null = null;
        for (let i = 0; i < list.length; i++) {
          const e = list[i]!;
          if (e.row.LS !== ls || !e.decom) {
            from = null;
            continue;
          }
          from ??= e.decom;
          const next = list[i + 1];
          if (next && next.row.LS === ls && e.row.REC === 'X1') continue;
          if (daysBetween(from, e.dec ?? period.end) > days) yield e;
          from = null;
        }
      }),
    }),
  ),
  rule({
    code: '365',
    severity: 'error',
    message: 'A single short break (V3) lasts at most 17 days.',
    fields: ['LS', 'DEC'],
    check: eachRow('Episodes', (r, { period }, date) => r.LS === 'V3' && Boolean(date('DECOM')) && daysBetween(date('DECOM')!, date('DEC') ?? period.end) > 17),
  }),
  rule({
    code: '367',
    severity: 'query',
    message: 'More than 75 days of short breaks (V3) in the year: check whether the child is on short breaks or looked after.',
    fields: ['LS'],
    check: eachChildEpisodes(function* (list, { period }) {
      let days = 0;
      for (const e of list) {
        if (e.row.LS !== 'V3' || !e.decom) continue;
        const from = e.decom < period.start ? period.start : e.decom;
        const to = !e.dec || e.dec > period.end ? period.end : e.dec;
        days += Math.max(0, daysBetween(from, to));
      }
      if (days > 75) yield list.find((e) => e.row.LS === 'V3')!;
    }),
  }),
];
