import type { RequestContext } from '../../platform/access/authorise.ts';
import type { ClockStatus } from '../../platform/calendar/clocks.ts';

/**
 * One part of a child's social care record as the record page (`/people/:id/social-care`) shows it: each
 * capability (referrals, child protection, children in care, missing) says what it holds about the child now.
 * The page has already decided and audited that the reader may see the child; sections do not audit again.
 */
export interface RecordSection {
  /** "Child protection", "Children in care" … */
  title: string;
  /** One line on where things stand: "On a child protection plan since 3 March 2026 (neglect)". */
  status: string;
  rows: { label: string; value: string; clock?: { due: string; status: ClockStatus } }[];
  /** What the reader may do next, already filtered by what they are allowed to do. */
  actions: { href: string; text: string }[];
}

export type SectionSource = (ctx: RequestContext, personId: string) => Promise<RecordSection | null>;
