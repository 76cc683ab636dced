import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../cli/commands.ts';
import { openDatabase } from './connection.ts';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.ts';

describe('one process at a time on an embedded data directory', () => {
  const root = mkdtempSync(join(tmpdir(), 'cairn-lock-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('refuses a second holder while the first holds it, and lets go on release', () => {
    const dir = join(root, 'a');
    const release = lockDataDir(dir);
    assert.equal(readFileSync(join(dir, 'cairn.lock'), 'utf8'), String(process.pid));
    assert.throws(() => lockDataDir(dir), (e: unknown) => e instanceof DataDirInUseError && /in use by another Cairn process \(pid \d+\)/.test(e.message));
    release();
    assert.equal(existsSync(join(dir, 'cairn.lock')), false);
    lockDataDir(dir)();
  });

  it('takes over a lock left by a process that has gone (killed or crashed)', () => {
    const dir = join(root, 'b');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    lockDataDir(dir)();
    writeFileSync(join(dir, 'cairn.lock'), gone.stdout);
    const release = lockDataDir(dir);
    assert.equal(readFileSync(join(dir, 'cairn.lock'), 'utf8'), String(process.pid));
    release();
  });

  it('stops a backup of an embedded database that is open elsewhere, with a clear message, and allows it once closed', async () => {
    const dataDir = join(root, 'c');
    const open = await openDatabase({ engine: 'embedded', dataDir });
    const messages: string[] = [];
    const io = { out: (t: string) => messages.push(t), err: (t: string) => messages.push(t), readStdin: async () => '', env: { CAIRN_DATA_DIR: dataDir } };
    await assert.rejects(runCli(['backup', join(root, 'c.backup')], io), DataDirInUseError);
    await open.close();
    assert.equal(await runCli(['migrate'], io), 0);
    assert.equal(await runCli(['backup', join(root, 'c.backup')], io), 0, messages.join('\n'));
  });
});
