import type { Kysely } from 'kysely';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import type { Database } from '../../db/types.ts';

export async function seedTrainingDemo(_db: Kysely<Database>, _org: DemoOrganisation, _today: string): Promise<void> {}
