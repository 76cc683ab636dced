import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { DemoOrganisation } from '../../../demo/organisation.ts';

/** The board's commentary on the demo's last annual report. */
export async function seedAnnualReportDemo(_db: Kysely<Database>, _org: DemoOrganisation, _today: string): Promise<void> {}
