import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { DemoOrganisation } from '../../../demo/organisation.ts';
import { financialYearStart } from '../../../platform/calendar/financial-year.ts';

/**
 * The board's commentary on the demo's last complete financial year, for the early help and child protection
 * sections (the others show the placeholder, so the demo shows both). Words about the partnership's work, not
 * figures: the figures beside them are worked out from the records.
 */
const COMMENTARY: Record<string, string> = {
  'early-help': [
    'Early help assessments were started by a wider range of agencies this year, with schools and health visitors completing more of them than before. Step-downs from children’s social care remain a large share, which the board welcomes as a sign that families are being supported at the right level.',
    'The multi-agency support groups met in every locality. The board will look next year at how quickly families are seen after a referral, and at the presenting issues that come up most often.',
  ].join('\n\n'),
  'child-protection': [
    'The number of children with a child protection plan changed through the year, and neglect remains the most common reason for a plan. The board has asked for a closer look at children who become subject to a plan for a second time.',
    'Plans lasting two years or more are reviewed by the independent chair, and the board will receive a report on them at its next meeting.',
  ].join('\n\n'),
};

export async function seedAnnualReportDemo(db: Kysely<Database>, org: DemoOrganisation, today: string): Promise<void> {
  const year = financialYearStart(today) - 1;
  const by = org.userIds['tess.marlow@cairn.example'] ?? null;
  await db
    .insertInto('report_commentary')
    .values(Object.entries(COMMENTARY).map(([section, body]) => ({ year, section, body, updated_by: by, updated_at: new Date() })))
    .onConflict((oc) => oc.columns(['year', 'section']).doNothing())
    .execute();
}
