import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Connection } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { generateAuthority } from '../synthetic/authority.ts';
import { compare, financialYearOf, measure, reportTable } from '../synthetic/calibration.ts';
import { SCALE_NAMES, SCALES } from '../synthetic/scales.ts';
import { progressBar } from './progress.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2013-03-31');

const seedArgs = z.object({
  scale: z.enum(SCALE_NAMES, { message: `--scale must be one of: ${SCALE_NAMES.join(', ')}` }).default('tiny'),
  seed: z.coerce.number({ message: '--seed must be a whole number' }).int('--seed must be a whole number').min(0).max(2 ** 31).default(1),
  years: z.coerce.number({ message: '--years must be a whole number' }).int('--years must be a whole number').min(1, '--years must be 1 to 10').max(10, '--years must be 1 to 10').default(3),
  end: isoDate.optional(),
});

/** `seed`: a synthetic authority into the (empty) configured database, with a progress bar on the terminal. */
export async function seedAuthority(args: string[], connection: Connection, io: { out(text: string): void; err(text: string): void }): Promise<void> {
  const { values } = parseArgs({ args, options: { scale: { type: 'string' }, seed: { type: 'string' }, years: { type: 'string' }, end: { type: 'string' } }, strict: true });
  const parsed = seedArgs.safeParse(values);
  if (!parsed.success) throw new SeedUsageError(parsed.error.issues.map((i) => i.message).join('\n'));
  const { scale, seed, years, end } = parsed.data;
  await migrateToLatest(connection.db, connection.schema);
  const started = Date.now();
  const bar = progressBar('children', (line) => (process.stderr.isTTY ? process.stderr.write(line) : io.err(line)));
  const result = await generateAuthority(connection.db, { scale, seed, years, ...(end ? { end } : {}), progress: bar });
  const seconds = (Date.now() - started) / 1000;
  io.out(`Generated the ${scale} authority (seed ${seed}, ${years} year(s)): ${result.children.toLocaleString('en-GB')} children, ${result.rows.toLocaleString('en-GB')} rows in ${seconds.toFixed(1)} s (${Math.round(result.rows / seconds).toLocaleString('en-GB')} rows/s).`);
}

/** `seed-report`: the generated figures beside seed 001's for the last financial year in the data. */
export async function seedReport(args: string[], connection: Connection, io: { out(text: string): void }): Promise<boolean> {
  const { values } = parseArgs({ args, options: { end: { type: 'string' } }, strict: true });
  if (values.end && !isoDate.safeParse(values.end).success) throw new SeedUsageError('--end must be a date like 2013-03-31');
  const last = values.end ?? (await lastDay(connection));
  const year = financialYearOf(last);
  const figures = await measure(connection.db, year);
  const scale = Object.values(SCALES).reduce((best, s) => (Math.abs(s.children - figures.children!) < Math.abs(best.children - figures.children!) ? s : best));
  const rows = compare(figures, scale.children);
  io.out(reportTable(year, rows));
  return rows.every((r) => r.within);
}

async function lastDay(connection: Connection): Promise<string> {
  const row = await connection.db.selectFrom('chronology').select((eb) => eb.fn.max('occurred_at').as('last')).executeTakeFirst();
  if (!row?.last) throw new SeedUsageError('The database holds no synthetic authority: run `npm run cairn -- seed` first.');
  return new Date(row.last as unknown as string).toISOString().slice(0, 10);
}

export class SeedUsageError extends Error {}
