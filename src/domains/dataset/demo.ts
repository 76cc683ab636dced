import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { DemoOrganisation } from '../../demo/organisation.ts';

/** The demo's population estimates and targets. */
export async function seedDatasetDemo(_db: Kysely<Database>, _org: DemoOrganisation, _today: string): Promise<void> {}
