import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as foundation from './migrations/0001_foundation.ts';
import * as frontDoor from './migrations/0002_front_door_early_help_panels.ts';
import * as thresholdFramework from './migrations/0003_threshold_framework.ts';
import * as referrals from './migrations/0004_referrals_children_in_need.ts';
import * as childProtection from './migrations/0005_child_protection.ts';
import * as childrenInCare from './migrations/0006_children_in_care.ts';
import * as missing from './migrations/0007_missing_exploitation.ts';
import * as benchIndexes from './migrations/0008_bench_indexes.ts';
import * as searchGin from './migrations/0009_search_gin.ts';
import * as privateFostering from './migrations/0011_private_fostering.ts';
import * as lado from './migrations/0012_lado.ts';
import * as marac from './migrations/0013_marac.ts';
import * as disagreements from './migrations/0016_disagreements.ts';
import * as dateOfDeath from './migrations/0017_date_of_death.ts';
import * as cdop from './migrations/0014_cdop.ts';
import * as practiceReviews from './migrations/0015_practice_reviews.ts';
import * as forecast from './migrations/0018_forecast.ts';
import * as harmOutsideHome from './migrations/0019_harm_outside_home.ts';
import * as subjectAccess from './migrations/0020_subject_access.ts';
import * as retention from './migrations/0021_retention.ts';
import * as notifications from './migrations/0022_notifications.ts';
import * as singleSignOn from './migrations/0023_single_sign_on.ts';
import * as partnerApi from './migrations/0024_partner_api.ts';
import * as documents from './migrations/0025_documents.ts';
import * as statutoryReturns from './migrations/0026_statutory_returns.ts';
import * as caseAudits from './migrations/0027_case_audits.ts';
import * as section11 from './migrations/0028_section11.ts';
import * as training from './migrations/0029_training.ts';
import * as surveysChildsVoice from './migrations/0030_surveys_childs_voice.ts';
import * as practiceTools from './migrations/0031_practice_tools.ts';
import * as boardBusiness from './migrations/0032_board_business.ts';
import * as dataset from './migrations/0033_dataset.ts';

/** Migrations are listed here, in order, so they run the same from source, tests and the CLI. */
const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_front_door_early_help_panels': frontDoor,
  '0003_threshold_framework': thresholdFramework,
  '0004_referrals_children_in_need': referrals,
  '0005_child_protection': childProtection,
  '0006_children_in_care': childrenInCare,
  '0007_missing_exploitation': missing,
  '0008_bench_indexes': benchIndexes,
  '0009_search_gin': searchGin,
  '0011_private_fostering': privateFostering,
  '0012_lado': lado,
  '0013_marac': marac,
  '0016_disagreements': disagreements,
  '0017_date_of_death': dateOfDeath,
  '0014_cdop': cdop,
  '0015_practice_reviews': practiceReviews,
  '0018_forecast': forecast,
  '0019_harm_outside_home': harmOutsideHome,
  '0020_subject_access': subjectAccess,
  '0021_retention': retention,
  '0022_notifications': notifications,
  '0023_single_sign_on': singleSignOn,
  '0024_partner_api': partnerApi,
  '0025_documents': documents,
  '0026_statutory_returns': statutoryReturns,
  '0027_case_audits': caseAudits,
  '0028_section11': section11,
  '0029_training': training,
  '0030_surveys_childs_voice': surveysChildsVoice,
  '0031_practice_tools': practiceTools,
  '0032_board_business': boardBusiness,
  '0033_dataset': dataset,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Every migration this version of Cairn knows, by name: readiness checks that each has been applied. */
export const migrationNames = (): string[] => Object.keys(migrations);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against no particular schema
export async function migrateToLatest(db: Kysely<any>, schema = 'public'): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableSchema: schema });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Applies the migrations up to and including `name`, and no further: a restore brings a new database to the level
 * its backup was made at. Never call it on a database already past `name` (Kysely would migrate it down).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against no particular schema
export async function migrateUpTo(db: Kysely<any>, name: string, schema = 'public'): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableSchema: schema });
  const { error, results } = await migrator.migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
