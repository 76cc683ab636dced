import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config.ts';
import { type Connection, openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { seedDemoIfEmpty } from '../demo/seed.ts';
import { SeedUsageError, seedAuthority, seedReport } from './seed-commands.ts';
import { FORECAST_USAGE, forecastCommand, ForecastUsageError } from './forecast-commands.ts';
import { BACKUP_USAGE, backupCommand, restoreCommand } from './backup-commands.ts';
import { exportCommand, RETURNS_USAGE, ReturnsUsageError, validateCommand } from './returns-commands.ts';
import { REPORT_USAGE, reportCommand, ReportUsageError } from './report-commands.ts';
import { BackupProblem } from '../platform/backup/format.ts';
import { agencyNamed, createUserAccount, FormProblem } from '../domains/admin/service.ts';
import { type Role, ROLES } from '../platform/access/rules.ts';
import { passwordProblem } from '../platform/auth/passwords.ts';

export const USAGE = `Usage: npm run cairn -- <command> [options]

Commands:
  migrate                 Bring the database up to date, and list the migrations applied.
  create-user             Add a user who must choose their own password at first sign-in.
      --email <address>       Their email address (they sign in with it). Required.
      --name <full name>      Required.
      --agency <name>         Their agency. Created, as children's social care, if it does not exist.
      --role <role>           One of: ${ROLES.join(', ')}.
                              Required; repeat for several roles.
      --password-stdin        Read the temporary password from standard input instead of
                              generating one. It must still be changed at first sign-in.
  seed-demo               Load the fictional demo partnership into an empty database (demo mode only).
  seed                    Generate a synthetic local authority into an empty database (demo mode only):
                          the demo organisation grown to scale, every child's journey, deterministic.
      --scale <size>          tiny (2,000 children), peterborough (44,000) or kent (350,000). Default tiny.
      --seed <n>              Same seed, same data. Default 1.
      --years <n>             Years of history, 1 to 10. Default 3.
      --end <date>            The last day of the data (YYYY-MM-DD). Default today.
  seed-report             The generated figures beside the seed 2012/13 report's, for the last
                          financial year in the data; exits 1 if any is outside its tolerance.
      --end <date>            Compare the financial year ending on or before this date instead.
${FORECAST_USAGE}
${RETURNS_USAGE}
${REPORT_USAGE}
${BACKUP_USAGE}

Options:
  -h, --help              Show this help.

The database is the one the environment names: DATABASE_URL for PostgreSQL, otherwise the embedded
database in CAIRN_DATA_DIR (default ./data).`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<string>;
  env: NodeJS.ProcessEnv;
  /** Tests hand in their own database; otherwise the configured one is opened. */
  open?: () => Promise<Connection>;
}

class UsageError extends Error {}

const createUserArgs = z.object({
  email: z.string({ message: '--email is required' }).trim().email('--email must be an email address, like name@example.org').max(320),
  name: z.string({ message: '--name is required' }).trim().min(1, '--name must not be empty').max(200),
  agency: z.string({ message: '--agency is required' }).trim().min(1, '--agency must not be empty').max(200),
  role: z.array(z.enum(ROLES, { message: `--role must be one of: ${ROLES.join(', ')}` }), { message: 'Give at least one --role' }).min(1, 'Give at least one --role'),
  'password-stdin': z.boolean().default(false),
});

async function withDatabase<T>(io: CliIo, work: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = io.open ? await io.open() : await openDatabase(loadConfig(io.env).database);
  try {
    return await work(connection);
  } finally {
    if (!io.open) await connection.close();
  }
}

async function migrate(io: CliIo) {
  await withDatabase(io, async ({ db, schema }) => {
    const applied = await migrateToLatest(db, schema);
    io.out(applied.length ? `Applied ${applied.length} migration(s):\n${applied.map((m) => `  ${m}`).join('\n')}` : 'The database is already up to date.');
  });
}

async function createUser(io: CliIo, args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      agency: { type: 'string' },
      role: { type: 'string', multiple: true },
      'password-stdin': { type: 'boolean' },
    },
    strict: true,
  });
  const parsed = createUserArgs.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('\n'));
  const { email, name, agency, role } = parsed.data;
  let password: string | undefined;
  if (parsed.data['password-stdin']) {
    password = (await io.readStdin()).replace(/\r?\n$/, '');
    const problem = passwordProblem(password, { email, name });
    if (problem) throw new UsageError(`The password from standard input is not acceptable: ${problem}`);
  }
  await withDatabase(io, async ({ db }) => {
    const found = await agencyNamed(db, agency);
    const user = await createUserAccount(db, { email, name, agencyId: found.id, teamIds: [], roles: [...new Set(role)] as Role[], password }, null);
    if (found.created) io.out(`Added the agency "${agency}" (children's social care).`);
    io.out(`Added ${name} <${email}> with the role(s): ${[...new Set(role)].join(', ')}.`);
    if (!password) {
      io.out(`Temporary password (shown once, not stored anywhere readable): ${user.password}`);
    }
    io.out('They must choose a new password when they first sign in.');
  });
}

async function seedDemo(io: CliIo) {
  if (!loadConfig(io.env).demo) {
    throw new UsageError('Demo data is only loaded in demo mode. Set DEMO=true to load fictional people into this database.');
  }
  await withDatabase(io, async ({ db, schema }) => {
    await migrateToLatest(db, schema);
    io.out((await seedDemoIfEmpty(db)) ? 'Loaded the demo partnership (every person in it is fictional).' : 'The database already has data, so no demo data was loaded.');
  });
}

/** Runs one command and returns the exit code; prints problems in plain English rather than stack traces. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '-h' || command === '--help' || command === 'help' || rest.includes('--help') || rest.includes('-h')) {
      (command ? io.out : io.err)(USAGE);
      return command ? 0 : 1;
    }
    switch (command) {
      case 'migrate':
        if (rest.length) throw new UsageError(`migrate takes no options (got ${rest.join(' ')})`);
        await migrate(io);
        return 0;
      case 'create-user':
        await createUser(io, rest);
        return 0;
      case 'seed-demo':
        if (rest.length) throw new UsageError(`seed-demo takes no options (got ${rest.join(' ')})`);
        await seedDemo(io);
        return 0;
      case 'seed':
        if (!loadConfig(io.env).demo) throw new UsageError('A synthetic authority is only generated in demo mode (its demo sign-ins share a published password). Set DEMO=true.');
        await withDatabase(io, (connection) => seedAuthority(rest, connection, io));
        return 0;
      case 'seed-report':
        return (await withDatabase(io, (connection) => seedReport(rest, connection, io))) ? 0 : 1;
      case 'forecast':
        await withDatabase(io, (connection) => forecastCommand(rest, connection, io));
        return 0;
      case 'export':
        await withDatabase(io, (connection) => exportCommand(rest, connection, loadConfig(io.env).returns, io));
        return 0;
      case 'validate':
        return await validateCommand(rest, io);
      case 'report':
        await withDatabase(io, (connection) => reportCommand(rest, connection, loadConfig(io.env).chromiumPath, io));
        return 0;
      case 'backup':
        await backupCommand(rest, io, (work) => withDatabase(io, work));
        return 0;
      case 'restore':
        await restoreCommand(rest, io, (work) => withDatabase(io, work));
        return 0;
      default:
        throw new UsageError(`Unknown command "${command}". Run with --help to see the commands.`);
    }
  } catch (error) {
    const known =
      error instanceof UsageError ||
      error instanceof SeedUsageError ||
      error instanceof ForecastUsageError ||
      error instanceof ReturnsUsageError ||
      error instanceof ReportUsageError ||
      error instanceof BackupProblem ||
      error instanceof ConfigError ||
      error instanceof FormProblem ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (!known) throw error;
    io.err(`Error: ${(error as Error).message}`);
    return 1;
  }
}
