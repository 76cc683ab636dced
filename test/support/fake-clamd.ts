import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/**
 * A local TCP server that answers like clamd's INSTREAM: it reads `zINSTREAM\0` and length-prefixed chunks up to the
 * zero length, then answers `stream: Eicar-Test-Signature FOUND` if the stream holds the EICAR test string and
 * `stream: OK` otherwise. `mode` makes it misbehave: answer an error, or never answer.
 */
export interface FakeClamd {
  host: string;
  port: number;
  mode: 'normal' | 'error' | 'silent';
  /** Bytes of each stream scanned, for checking what was sent. */
  scanned: Buffer[];
  close(): Promise<void>;
}

export async function startFakeClamd(): Promise<FakeClamd> {
  const sockets = new Set<Socket>();
  const state: FakeClamd = { host: '127.0.0.1', port: 0, mode: 'normal', scanned: [], close: async () => undefined };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffer = Buffer.alloc(0);
    let commandRead = false;
    const chunks: Buffer[] = [];
    socket.on('data', (data: Buffer) => {
      buffer = Buffer.concat([buffer, data]);
      if (!commandRead) {
        const command = Buffer.from('zINSTREAM\0');
        if (buffer.length < command.length) return;
        if (!buffer.subarray(0, command.length).equals(command)) return void socket.end('UNKNOWN COMMAND\0');
        buffer = buffer.subarray(command.length);
        commandRead = true;
      }
      while (buffer.length >= 4) {
        const length = buffer.readUInt32BE(0);
        if (length === 0) {
          const stream = Buffer.concat(chunks);
          state.scanned.push(stream);
          if (state.mode === 'silent') return;
          if (state.mode === 'error') return void socket.end('INSTREAM size limit exceeded. ERROR\0');
          return void socket.end(stream.includes(EICAR) ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0');
        }
        if (buffer.length < 4 + length) return;
        chunks.push(buffer.subarray(4, 4 + length));
        buffer = buffer.subarray(4 + length);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  state.close = () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return state;
}

export const clamdEnv = (clamd: FakeClamd): NodeJS.ProcessEnv => ({ CAIRN_CLAMAV_HOST: clamd.host, CAIRN_CLAMAV_PORT: String(clamd.port), CAIRN_CLAMAV_TIMEOUT_MS: '500' });
