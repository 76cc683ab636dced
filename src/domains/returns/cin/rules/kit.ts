import type { Hit, Rule, RuleContext } from '../../engine.ts';
import type { CinAssessment, CinChild, CinDetails, CinPlanDates, CinProtectionPlan, CinReturn, CinSection47 } from '../model.ts';
import { episodeLocation, itemLocation } from '../model.ts';

/**
 * The few shapes a CIN rule takes, so each rule file is a list of declarations: what the rule is (code, severity,
 * message, fields, years) and one test over a child, an episode or an item in an episode. A test answers false
 * when all is well, true when the rule's first field is wrong, or the name of the field that is wrong.
 */
export type CinRule = Rule<CinReturn>;
export type Spec = Omit<CinRule, 'check'>;
type Verdict = boolean | string;

const hit = (child: CinChild, verdict: Verdict, location?: string): Hit | null =>
  verdict === false ? null : { child: child.ChildIdentifiers.LAchildID, location, field: typeof verdict === 'string' ? verdict : undefined };

export function childRule(spec: Spec, fails: (c: CinChild, ctx: RuleContext) => Verdict): CinRule {
  return {
    ...spec,
    *check(ret, ctx) {
      for (const c of ret.Children) {
        const h = hit(c, fails(c, ctx));
        if (h) yield h;
      }
    },
  };
}

export function episodeRule(spec: Spec, fails: (d: CinDetails, c: CinChild, ctx: RuleContext) => Verdict): CinRule {
  return {
    ...spec,
    *check(ret, ctx) {
      for (const c of ret.Children) {
        for (const [i, d] of c.CINdetails.entries()) {
          const h = hit(c, fails(d, c, ctx), episodeLocation(i));
          if (h) yield h;
        }
      }
    },
  };
}

interface Items {
  Assessments: CinAssessment;
  CINPlanDates: CinPlanDates;
  Section47: CinSection47;
  ChildProtectionPlans: CinProtectionPlan;
}
const LABELS: Record<keyof Items, string> = { Assessments: 'Assessment', CINPlanDates: 'CIN plan', Section47: 'Section 47', ChildProtectionPlans: 'CP plan' };

export function itemRule<K extends keyof Items>(spec: Spec, kind: K, fails: (item: Items[K], d: CinDetails, c: CinChild, ctx: RuleContext) => Verdict): CinRule {
  return {
    ...spec,
    *check(ret, ctx) {
      for (const c of ret.Children) {
        for (const [i, d] of c.CINdetails.entries()) {
          for (const [j, item] of (d[kind] as Items[K][]).entries()) {
            const h = hit(c, fails(item, d, c, ctx), itemLocation(i, LABELS[kind], j));
            if (h) yield h;
          }
        }
      }
    },
  };
}

// A county's return holds a few thousand distinct dates read a million times over by the rules: each is checked once.
const checkedDates = new Map<string, boolean>();

/** A real calendar date written YYYY-MM-DD. */
export function isDate(value: string | null | undefined): value is string {
  if (!value) return false;
  let known = checkedDates.get(value);
  if (known === undefined) {
    const d = new Date(`${value}T00:00:00Z`);
    known = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
    if (checkedDates.size < 100_000) checkedDates.set(value, known);
  }
  return known;
}

/** Both are dates and the first is before the second (a missing date is another rule's business). */
export const before = (a: string | null | undefined, b: string | null | undefined) => isDate(a) && isDate(b) && a < b;

/** Two periods [start, end] (end open when null) share a day beyond one ending the day the other starts. */
export function overlap(aStart: string | null, aEnd: string | null, bStart: string | null, bEnd: string | null): boolean {
  if (!isDate(aStart) || !isDate(bStart)) return false;
  const aEndsAfterB = aEnd === null || !isDate(aEnd) || aEnd > bStart;
  const bEndsAfterA = bEnd === null || !isDate(bEnd) || bEnd > aStart;
  return aEndsAfterB && bEndsAfterA;
}

/** Every pair of distinct items, once. */
export function* pairs<T>(items: T[]): Generator<[T, T]> {
  for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) yield [items[i]!, items[j]!];
}

export const isOpen = (d: CinDetails) => d.CINclosureDate === null && d.ReferralNFA !== true;
