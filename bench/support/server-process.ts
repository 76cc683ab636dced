import { type ChildProcess, spawn } from 'node:child_process';

/** What the bench asks the server process (`server-child.ts`) over IPC. */
export type ParentMessage = { type: 'cookies'; userIds: string[] } | { type: 'memory'; settle: boolean } | { type: 'stop' };

export interface MemorySample {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  /** How long the forced collection paused the server, when one was asked for. */
  pauseMs: number;
}

type ChildMessage = { type: 'ready'; base: string } | ({ type: 'memory' } & MemorySample) | { type: 'cookies'; cookies: string[] };

export interface CairnProcess {
  base: string;
  /** A signed session cookie for each user, made as the sign-in form makes them. */
  cookies(userIds: string[]): Promise<string[]>;
  /** The server's memory now; `settle` runs two full collections first. */
  memory(settle: boolean): Promise<MemorySample>;
  stop(): Promise<void>;
}

/**
 * Cairn in a child process on the bench authority's schema (`BENCH_SCHEMA`, which must already exist): the load
 * generator stays in this process, so neither the event loop nor the heap measured is shared with it.
 */
export async function cairnProcess(schema: string): Promise<CairnProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', new URL('server-child.ts', import.meta.url).pathname], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_SCHEMA: schema },
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  // One question at a time, each answered by the next message of its type.
  const next = <T extends ChildMessage['type']>(type: T) =>
    new Promise<Extract<ChildMessage, { type: T }>>((resolve, reject) => {
      const onMessage = (m: ChildMessage) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        resolve(m as Extract<ChildMessage, { type: T }>);
      };
      child.on('message', onMessage);
      void exited.then((code) => reject(new Error(`The Cairn server process ended (exit ${code})`)));
    });
  const ask = <T extends ChildMessage['type']>(message: ParentMessage, answer: T) => {
    const reply = next(answer);
    child.send(message);
    return reply;
  };
  const { base } = await next('ready');
  return {
    base,
    cookies: async (userIds) => (await ask({ type: 'cookies', userIds }, 'cookies')).cookies,
    memory: async (settle) => {
      const { type: _type, ...sample } = await ask({ type: 'memory', settle }, 'memory');
      return sample;
    },
    stop: async () => {
      child.send({ type: 'stop' });
      await exited;
    },
  };
}
