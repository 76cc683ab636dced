import { Socket } from 'node:net';

export type ScanResult = { status: 'clean' } | { status: 'infected'; signature: string } | { status: 'error'; reason: string };

/** A malware scanner: any implementation answers clean, infected (with the signature's name) or error. */
export interface MalwareScanner {
  /** Shown on each version ("ClamAV"); null when there is no scanner. */
  readonly name: string;
  scan(bytes: Uint8Array): Promise<ScanResult>;
}

/** clamd refuses larger chunks; 64 KiB keeps memory flat whatever the file's size. */
const CHUNK = 64 * 1024;

/**
 * ClamAV through clamd's INSTREAM command over TCP: `zINSTREAM\0`, then chunks each prefixed with its length as a
 * 4-byte big-endian number, then a zero length; clamd answers `stream: OK`, `stream: <signature> FOUND` or
 * `... ERROR` (for example when the file is over its StreamMaxLength). Anything else, a refused connection or a
 * timeout is an error: the caller fails closed.
 */
export class ClamAvScanner implements MalwareScanner {
  readonly name = 'ClamAV';

  constructor(private readonly options: { host: string; port: number; timeoutMs: number }) {}

  scan(bytes: Uint8Array): Promise<ScanResult> {
    return new Promise((resolve) => {
      const socket = new Socket();
      const received: Buffer[] = [];
      let settled = false;
      const finish = (result: ScanResult) => {
        if (settled) return;
        settled = true;
        socket.destroy();
        resolve(result);
      };
      socket.setTimeout(this.options.timeoutMs, () => finish({ status: 'error', reason: 'The virus scanner did not answer in time.' }));
      socket.on('error', () => finish({ status: 'error', reason: 'The virus scanner could not be reached.' }));
      socket.on('data', (data) => received.push(data));
      socket.on('end', () => finish(interpret(Buffer.concat(received).toString('utf8'))));
      socket.on('close', () => finish(interpret(Buffer.concat(received).toString('utf8'))));
      socket.connect(this.options.port, this.options.host, () => {
        socket.write('zINSTREAM\0');
        for (let offset = 0; offset < bytes.byteLength; offset += CHUNK) {
          const chunk = bytes.subarray(offset, Math.min(offset + CHUNK, bytes.byteLength));
          const length = Buffer.alloc(4);
          length.writeUInt32BE(chunk.byteLength);
          socket.write(length);
          socket.write(chunk);
        }
        socket.write(Buffer.alloc(4));
      });
    });
  }
}

/** clamd's one-line answer, as a result. */
export function interpret(answer: string): ScanResult {
  const line = answer.replace(/\0/g, '').trim();
  if (/^stream: OK$/.test(line)) return { status: 'clean' };
  const found = /^stream: (.+) FOUND$/.exec(line);
  if (found) return { status: 'infected', signature: found[1]!.slice(0, 200) };
  if (/ERROR$/.test(line)) return { status: 'error', reason: /size limit/i.test(line) ? 'The file is larger than the virus scanner accepts.' : 'The virus scanner reported an error.' };
  return { status: 'error', reason: 'The virus scanner gave an answer Cairn does not understand.' };
}
