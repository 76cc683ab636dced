import { ETHNICITIES } from '../../../../platform/codes/cin.ts';
import { isValidUpn } from '../../../people/identifiers.ts';
import { isoDate } from '../tables.ts';
import { addCalendarDays } from '../../../../platform/calendar/working-days.ts';
import { age, at, eachRow, type Rule903, rule, view } from './common.ts';

/**
 * The child's own details (Header), and the internal consistency checks across tables. The DfE numbers those
 * INT01 to INT36, one per pair of tables; Cairn checks the same things once across every table, under its own
 * INT-… codes, so a failure names the table and row rather than a number.
 */

const UN_CODES = ['UN1', 'UN2', 'UN3', 'UN4', 'UN5'];
const SHORT_BREAKS = ['V3', 'V4'];

export const HEADER_RULES: Rule903[] = [
  rule({
    code: '101',
    severity: 'error',
    message: 'Sex must be M (male), F (female) or U (unknown or not recorded).',
    fields: ['SEX'],
    years: { from: 2025 },
    check: eachRow('Header', (r) => !['M', 'F', 'U'].includes(r.SEX!)),
  }),
  rule({
    code: '102',
    severity: 'error',
    message: 'Date of birth is missing or is not a real date.',
    fields: ['DOB'],
    check: eachRow('Header', (r) => !isoDate(r.DOB)),
  }),
  rule({
    code: '103',
    severity: 'error',
    message: 'Ethnicity is missing or is not one of the DfE ethnicity codes.',
    fields: ['ETHNIC'],
    check: eachRow('Header', (r) => !(r.ETHNIC! in ETHNICITIES)),
  }),
  rule({
    code: '168',
    severity: 'error',
    message: 'The UPN must be a valid 13-character unique pupil number, or UN1 to UN5 giving why there is none.',
    fields: ['UPN'],
    check: eachRow('Header', (r) => !UN_CODES.includes(r.UPN!) && !isValidUpn(r.UPN!)),
  }),
  rule({
    code: '209',
    severity: 'error',
    message: 'UN1 (not of school age) is used for a child who was 5 or over at the start of the year: give the UPN or another reason.',
    fields: ['UPN', 'DOB'],
    check: eachRow('Header', (r, { period }, date) => r.UPN === 'UN1' && date('DOB') !== null && age(date('DOB')!, period.start) >= 5),
  }),
  rule({
    code: '210',
    severity: 'error',
    message: 'UN4 (UPN not yet known) is only for children newly looked after: this child had been looked after for more than a week at 31 March.',
    fields: ['UPN'],
    *check(ret, { period }) {
      const v = view(ret);
      const weekBefore = addCalendarDays(period.end, -7);
      for (const [child, h] of v.header) {
        if (h.row.UPN !== 'UN4') continue;
        const open = (v.episodes.get(child) ?? []).filter((e) => e.decom && e.decom <= period.end && (!e.dec || e.dec > period.end));
        // The period's start is the earliest of the unbroken run of episodes that reaches 31 March.
        const list = v.episodes.get(child) ?? [];
        let start = open[0]?.decom ?? null;
        for (let i = list.length - 1; i > 0 && start; i--) if (list[i]!.decom === start && list[i - 1]!.row.REC === 'X1' && list[i - 1]!.dec === start) start = list[i - 1]!.decom;
        if (start && start < weekBefore) yield at('Header', h);
      }
    },
  }),
  rule({
    code: '232',
    severity: 'query',
    message: 'Sex is recorded as U (unknown): check whether the child’s sex is known.',
    fields: ['SEX'],
    years: { from: 2025 },
    check: eachRow('Header', (r) => r.SEX === 'U'),
  }),
  rule({
    code: '393',
    severity: 'error',
    message: 'A girl looked after in the year must have MOTHER completed: 1 if she is a mother, 0 if not.',
    fields: ['MOTHER'],
    *check(ret) {
      const v = view(ret);
      for (const [child, h] of v.header) {
        if (h.row.SEX !== 'F' || h.row.MOTHER) continue;
        if ((v.episodes.get(child) ?? []).some((e) => !SHORT_BREAKS.includes(e.row.LS!))) yield at('Header', h);
      }
    },
  }),
  rule({
    code: '607',
    severity: 'error',
    message: 'A girl who left care in the year must have MOTHER completed: 1 if she is a mother, 0 if not.',
    fields: ['MOTHER', 'DEC', 'REC'],
    *check(ret, { period }) {
      const v = view(ret);
      for (const [child, h] of v.header) {
        if (h.row.SEX !== 'F' || h.row.MOTHER) continue;
        const left = (v.episodes.get(child) ?? []).some((e) => e.dec && e.dec >= period.start && e.dec <= period.end && e.row.REC && e.row.REC !== 'X1' && !SHORT_BREAKS.includes(e.row.LS!));
        if (left) yield at('Header', h);
      }
    },
  }),
  rule({
    code: 'INT-DUPLICATE',
    severity: 'error',
    message: 'The same child appears more than once in Header.',
    fields: ['CHILD'],
    *check(ret) {
      const seen = new Set<string>();
      for (const r of view(ret).rows.Header) {
        if (seen.has(r.row.CHILD!)) yield at('Header', r);
        seen.add(r.row.CHILD!);
      }
    },
  }),
  rule({
    code: 'INT-HEADER',
    severity: 'error',
    message: 'A child in this table has no row in Header: every child returned must be in Header.',
    fields: ['CHILD'],
    *check(ret) {
      const v = view(ret);
      for (const table of ['Episodes', 'Reviews', 'UASC', 'OC2', 'OC3', 'AD1', 'PlacedAdoption', 'PrevPerm', 'Missing'] as const) {
        for (const r of v.rows[table]) if (!v.header.has(r.row.CHILD!)) yield at(table, r);
      }
    },
  }),
  rule({
    code: 'INT-DOB',
    severity: 'error',
    message: 'The date of birth in this table differs from the child’s date of birth in Header.',
    fields: ['DOB'],
    *check(ret) {
      const v = view(ret);
      for (const table of ['Reviews', 'UASC', 'OC2', 'OC3', 'AD1', 'PlacedAdoption', 'PrevPerm', 'Missing'] as const) {
        for (const r of v.rows[table]) {
          const h = v.header.get(r.row.CHILD!);
          if (h && r.row.DOB !== h.row.DOB) yield at(table, r);
        }
      }
    },
  }),
  rule({
    code: 'INT-SEX',
    severity: 'error',
    message: 'The sex in UASC differs from the child’s sex in Header.',
    fields: ['SEX'],
    *check(ret) {
      const v = view(ret);
      for (const r of v.rows.UASC) {
        const h = v.header.get(r.row.CHILD!);
        if (h && r.row.SEX !== h.row.SEX) yield at('UASC', r);
      }
    },
  }),
  rule({
    code: 'INT-ORPHAN',
    severity: 'error',
    message: 'A child in Header is in no other table: they should not be in this return.',
    fields: ['CHILD'],
    *check(ret) {
      const v = view(ret);
      const present = new Set<string>();
      for (const table of ['Episodes', 'OC3', 'AD1', 'Missing'] as const) for (const r of v.rows[table]) present.add(r.row.CHILD!);
      for (const [child, h] of v.header) if (!present.has(child)) yield at('Header', h);
    },
  }),
];
