import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { ContextType } from './tables.ts';

/**
 * The work a scoring can be linked to: the child's early help cases, MASG referrals and child protection plans.
 * Read here, id, dates and status only, because no service of those capabilities lists them for every role that
 * scores a tool (child protection's own reads are social care's alone); nothing here is shown beyond a date.
 */
export interface ContextRow {
  type: ContextType;
  id: string;
  from: string;
  to: string | null;
  open: boolean;
  detail: string | null;
}

export async function contextsOf(db: Kysely<Database>, personId: string): Promise<ContextRow[]> {
  const [cases, referrals, plans] = await Promise.all([
    db.selectFrom('early_help_cases').select(['id', 'opened_on', 'closed_on', 'status']).where('person_id', '=', personId).execute(),
    db
      .selectFrom('panel_referrals as r')
      .innerJoin('panels as p', 'p.id', 'r.panel_id')
      .select(['r.id', 'r.referred_on', 'r.closed_on', 'r.status', 'p.name'])
      .where('r.person_id', '=', personId)
      .where('p.kind', '=', 'masg')
      .execute(),
    db.selectFrom('cp_plans').select(['id', 'start_date', 'end_date', 'categories']).where('person_id', '=', personId).execute(),
  ]);
  return [
    ...cases.map((c) => ({ type: 'early_help' as const, id: c.id, from: c.opened_on, to: c.closed_on, open: c.status === 'open', detail: null })),
    ...referrals.map((r) => ({ type: 'panel_referral' as const, id: r.id, from: r.referred_on, to: r.closed_on, open: r.status !== 'closed', detail: r.name })),
    ...plans.map((p) => ({ type: 'cp_plan' as const, id: p.id, from: p.start_date, to: p.end_date, open: !p.end_date, detail: p.categories.join(', ') })),
  ].sort((a, b) => (a.from < b.from ? 1 : -1));
}
