import type { Connection } from '../db/connection.ts';
import { type CliIo, runCli } from './commands.ts';

/** Runs the command line as someone would type it, collecting what it prints; `open` gives it the test's database. */
export async function runCliForTest(argv: string[], options: { open?: () => Promise<Connection>; stdin?: string; env?: NodeJS.ProcessEnv } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readStdin: async () => options.stdin ?? '',
    env: options.env ?? { CAIRN_DATA_DIR: ':memory:' },
    ...(options.open ? { open: options.open } : {}),
  };
  const code = await runCli(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
