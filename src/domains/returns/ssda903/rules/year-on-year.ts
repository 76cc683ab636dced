import type { Context903 } from './common.ts';
import { at, type Episode, type Rule903, rule, view } from './common.ts';
import type { Ssda903Return } from '../tables.ts';
import type { Hit } from '../../engine.ts';

/**
 * Rules that compare this year's return with last year's as submitted (previous903). Without a previous return
 * they find nothing: the DfE runs them against its own copy, so a missing snapshot is said on the readiness page.
 */

/** Children in Header both years: this year's row and last year's. */
function* sameChildren(ret: Ssda903Return, previous: Ssda903Return) {
  const before = view(previous).header;
  for (const [child, h] of view(ret).header) {
    const p = before.get(child);
    if (p) yield { h, p };
  }
}

const headerField = (code: string, field: string, message: string, fails: (now: string, then: string) => boolean = (a, b) => a !== b): Rule903 =>
  rule({
    code,
    severity: 'error',
    message,
    fields: [field],
    *check(ret, { previous }) {
      if (!previous) return;
      for (const { h, p } of sameChildren(ret, previous)) if (fails(h.row[field] ?? '', p.row[field] ?? '')) yield at('Header', h);
    },
  });

/** Last year's open episode (no end date) of each child, and this year's first episode. */
function* carriedOver(ret: Ssda903Return, { previous }: Context903): Iterable<{ first: Episode; open: Episode }> {
  if (!previous) return;
  const last = view(previous).episodes;
  for (const [child, list] of view(ret).episodes) {
    const open = last.get(child)?.at(-1);
    if (open && !open.row.DEC) yield { first: list[0]!, open };
  }
}

const carried = (code: string, field: string, what: string): Rule903 =>
  rule({
    code,
    severity: 'error',
    message: `The ${what} of the child’s first episode this year differs from the episode left open at the end of last year’s return.`,
    fields: [field],
    *check(ret, context): Iterable<Hit> {
      for (const { first, open } of carriedOver(ret, context)) if (first.decom === open.decom && (first.row[field] ?? '') !== (open.row[field] ?? '')) yield at('Episodes', first, field);
    },
  });

export const YEAR_ON_YEAR_RULES: Rule903[] = [
  headerField('202', 'SEX', 'Sex differs from last year’s return: check which is right.'),
  headerField('203', 'DOB', 'Date of birth differs from last year’s return: check which is right.'),
  headerField('204', 'ETHNIC', 'Ethnicity differs from last year’s return: check which is right.'),
  headerField('207', 'MOTHER', 'Last year the young person was recorded as a mother; this year she is not.', (now, then) => then === '1' && now !== '1'),
  headerField('208', 'UPN', 'The UPN differs from last year’s return (a known UPN cannot become unknown or change).', (now, then) => Boolean(then) && !then.startsWith('UN') && now !== then),
  rule({
    code: '205',
    severity: 'error',
    message: 'The child was an unaccompanied asylum-seeking child in last year’s return but is not in this year’s UASC table.',
    fields: ['CHILD'],
    *check(ret, { previous }) {
      if (!previous) return;
      const now = view(ret).byChild('UASC');
      const then = view(previous).byChild('UASC');
      for (const [child, h] of view(ret).header) if (then.has(child) && !now.has(child)) yield at('Header', h);
    },
  }),
  rule({
    code: '348',
    severity: 'error',
    message: 'Last year’s return said this care leaver had died: check who this is, as they cannot be in touch this year.',
    fields: ['IN_TOUCH'],
    *check(ret, { previous }) {
      if (!previous) return;
      const then = view(previous).byChild('OC3');
      for (const r of view(ret).rows.OC3) if (r.row.IN_TOUCH !== 'DIED' && (then.get(r.row.CHILD!) ?? []).some((p) => p.row.IN_TOUCH === 'DIED')) yield at('OC3', r);
    },
  }),
  rule({
    code: '502',
    severity: 'error',
    message: 'Last year’s return left an episode open for this child, so this year’s first episode must be that episode, with the same start date.',
    fields: ['DECOM'],
    *check(ret, context) {
      for (const { first, open } of carriedOver(ret, context)) if (first.decom !== open.decom) yield at('Episodes', first, 'DECOM');
    },
  }),
  carried('503A', 'RNE', 'reason for new episode'),
  carried('503B', 'LS', 'legal status'),
  carried('503C', 'CIN', 'category of need'),
  carried('503D', 'PLACE', 'placement type'),
  carried('503E', 'PLACE_PROVIDER', 'placement provider'),
  carried('503F', 'URN', 'Ofsted URN'),
];
