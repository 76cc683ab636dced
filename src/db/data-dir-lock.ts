import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'cairn.lock';

export class DataDirInUseError extends Error {}

/**
 * PGlite has no locking of its own: a second process opening the same data directory (a backup or restore while
 * `npm start` runs, or a second server) would read an inconsistent copy or corrupt it. The lock file names the process
 * holding it; one left by a process that has gone (killed, crashed) is taken over. Returns the release.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, LOCK_FILE);
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(readFileSync(file, 'utf8'), 10);
    if (Number.isInteger(holder) && isRunning(holder)) {
      throw new DataDirInUseError(
        `The embedded database in ${dir} is in use by another Cairn process (pid ${holder}). Stop it first, then try again. ` +
          `(If no Cairn process is running, delete ${file}.)`,
      );
    }
    rmSync(file, { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
