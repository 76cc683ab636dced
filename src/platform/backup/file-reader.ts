import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { z } from 'zod';
import {
  type BackupHeader,
  BackupFileError,
  type BackupManifest,
  completeSchema,
  FORMAT,
  FORMAT_VERSION,
  headerSchema,
  LINE,
  summaryDifference,
  TableDigest,
  type TableSummary,
  tableStartSchema,
  tableSummarySchema,
} from './format.ts';

export type BackupEvent =
  | { kind: 'header'; header: BackupHeader }
  | { kind: 'rows'; table: string; lines: string[] }
  | { kind: 'end'; summary: TableSummary }
  | { kind: 'complete'; manifest: BackupManifest };

/** Rows are handed on in batches no bigger than this, so a large table never sits in memory whole. */
export interface Batching {
  rows: number;
  characters: number;
}
const DEFAULT_BATCHING: Batching = { rows: 1000, characters: 4_000_000 };

/**
 * Reads a backup file line by line, checking as it goes: the header, each table in the header's order, each table's
 * rows against its count and checksum, the manifest against them all and the file's own checksum. The first problem
 * ends the read with a BackupFileError saying what is wrong, in words an operator can act on.
 */
export async function* readBackupFile(file: string, batching: Batching = DEFAULT_BATCHING): AsyncGenerator<BackupEvent> {
  const fileDigest = createHash('sha256');
  let header: BackupHeader | undefined;
  let tableIndex = -1;
  let current: { name: string; digest: TableDigest; batch: string[]; characters: number } | undefined;
  const summaries: TableSummary[] = [];
  let manifest: BackupManifest | undefined;
  let lineNumber = 0;

  for await (const line of gunzippedLines(file)) {
    lineNumber += 1;
    if (manifest) {
      if (line === '') continue;
      throw damaged(`there is more after the end of the backup (line ${lineNumber})`);
    }
    if (!header) {
      header = parseHeader(line);
      fileDigest.update(line).update('\n');
      yield { kind: 'header', header };
      continue;
    }
    if (line.startsWith('{')) {
      if (!current) throw damaged(`line ${lineNumber} holds a row outside any table`);
      current.digest.add(line);
      current.batch.push(line);
      current.characters += line.length;
      fileDigest.update(line).update('\n');
      if (current.batch.length >= batching.rows || current.characters >= batching.characters) {
        yield { kind: 'rows', table: current.name, lines: current.batch };
        current.batch = [];
        current.characters = 0;
      }
      continue;
    }
    if (line.startsWith(LINE.table)) {
      if (current) throw damaged(`the table ${current.name} has no end before line ${lineNumber}`);
      const { name } = parseLine(tableStartSchema, line.slice(LINE.table.length), lineNumber);
      tableIndex += 1;
      const expected = header.tables[tableIndex]?.name;
      if (name !== expected) throw damaged(`line ${lineNumber} starts the table ${name} where the header lists ${expected ?? 'no more tables'}`);
      current = { name, digest: new TableDigest(), batch: [], characters: 0 };
      fileDigest.update(line).update('\n');
      continue;
    }
    if (line.startsWith(LINE.end)) {
      const recorded = parseLine(tableSummarySchema, line.slice(LINE.end.length), lineNumber);
      if (!current || recorded.name !== current.name) throw damaged(`line ${lineNumber} ends a table that was not started`);
      const difference = summaryDifference(recorded, current.digest.summary(current.name));
      if (difference) throw damaged(difference);
      if (current.batch.length) yield { kind: 'rows', table: current.name, lines: current.batch };
      current = undefined;
      summaries.push(recorded);
      fileDigest.update(line).update('\n');
      yield { kind: 'end', summary: recorded };
      continue;
    }
    if (line.startsWith(LINE.complete)) {
      if (current) throw damaged(`the table ${current.name} has no end`);
      const found = parseLine(completeSchema, line.slice(LINE.complete.length), lineNumber);
      if (summaries.length !== header.tables.length) throw incomplete();
      if (found.sha256 !== fileDigest.digest('hex') || JSON.stringify(found.tables) !== JSON.stringify(summaries)) {
        throw damaged('its manifest does not match its contents');
      }
      manifest = found;
      yield { kind: 'complete', manifest };
      continue;
    }
    throw damaged(`line ${lineNumber} is not a row, a table's start or end, or the manifest`);
  }
  if (!header) throw new BackupFileError(`${file} is empty: it is not a Cairn backup.`);
  if (!manifest) throw incomplete();
}

function parseHeader(line: string): BackupHeader {
  if (!line.startsWith(LINE.header)) throw new BackupFileError(`This file is not a Cairn backup (it does not start with "#${FORMAT}").`);
  let raw: unknown;
  try {
    raw = JSON.parse(line.slice(LINE.header.length));
  } catch {
    throw damaged('its header cannot be read');
  }
  const version = (raw as { version?: unknown }).version;
  if (typeof version === 'number' && version > FORMAT_VERSION) {
    throw new BackupFileError(`This backup was made by a newer Cairn (backup format ${version}; this version reads format ${FORMAT_VERSION}): upgrade Cairn first.`);
  }
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) throw damaged('its header is not a Cairn backup header');
  return parsed.data;
}

function parseLine<T>(schema: z.ZodType<T>, text: string, lineNumber: number): T {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // Falls through to the same message as a line that parses but says the wrong thing.
  }
  throw damaged(`line ${lineNumber} cannot be read`);
}

const damaged = (detail: string) => new BackupFileError(`The backup is damaged: ${detail}. Use another copy.`);
const incomplete = () => new BackupFileError('The backup is incomplete: it ends part-way through (perhaps cut off while it was written or copied). Use another copy.');

/** The file's text, a line at a time, with the reasons gzip and the file system give put into plain words. */
async function* gunzippedLines(file: string): AsyncGenerator<string> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip) {
      const lines = (rest + decoder.write(chunk as Buffer)).split('\n');
      rest = lines.pop()!;
      yield* lines;
    }
  } catch (error) {
    throw readProblem(file, error as NodeJS.ErrnoException);
  } finally {
    input.destroy();
    gunzip.destroy();
  }
  // Every line is written with its newline, so text after the last one means the file was cut short.
  if (rest + decoder.end() !== '') throw incomplete();
}

function readProblem(file: string, error: NodeJS.ErrnoException): Error {
  if (error instanceof BackupFileError) return error;
  switch (error.code) {
    case 'ENOENT':
      return new BackupFileError(`There is no file at ${file}.`);
    case 'EISDIR':
      return new BackupFileError(`${file} is a folder, not a backup file.`);
    case 'EACCES':
      return new BackupFileError(`Cairn may not read ${file} (permission denied).`);
    case 'Z_BUF_ERROR':
      return incomplete();
    case 'Z_DATA_ERROR':
      return /header check/.test(error.message)
        ? new BackupFileError(`${file} is not a Cairn backup (it is not a gzip file).`)
        : damaged(`its compressed data does not check out (${error.message})`);
    default:
      return error;
  }
}
