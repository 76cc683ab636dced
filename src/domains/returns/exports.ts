/**
 * The three returns as files, built from the records: one place for the CLI, the analyst's export runs and the
 * benchmark, so a return exported on the command line is byte for byte the one downloaded from the page.
 */
import { strToU8, zipSync } from 'fflate';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { annexAWorkbook, buildAnnexA } from './annex-a/index.ts';
import { buildCinReturn, cinXml } from './cin/index.ts';
import { collectionPeriod } from './engine.ts';
import type { ReturnsSettings } from './settings.ts';
import { build903Return, write903Files } from './ssda903/index.ts';
import type { ReturnKind } from './tables.ts';

export type Progress = (done: number, total: number) => void;

/** One file to hand over: the CIN census XML, the 903 CSV files zipped together, the Annex A workbook. */
export interface ReturnFile {
  name: string;
  contentType: string;
  bytes: Buffer;
}

/** The DfE's own convention is free; the LA number and year make each authority's files tell themselves apart. */
export const cinFileName = (laCode: string, year: number) => `CIN_Census_${laCode}_${year}.xml`;
export const ssda903ZipName = (laCode: string, year: number) => `SSDA903_${laCode}_${year}.zip`;
export const annexAFileName = (asAt: string) => `Annex_A_${asAt}.xlsx`;

/** The CIN census for the collection year: file name → XML (one file). */
export async function cinFiles(db: Kysely<Database>, year: number, settings: ReturnsSettings, onProgress?: Progress): Promise<Record<string, string>> {
  const ret = await buildCinReturn(db, collectionPeriod(year), settings, { onProgress });
  return { [cinFileName(settings.laCode, year)]: cinXml(ret) };
}

/** The SSDA903 tables for the collection year: file name → CSV text. */
export async function ssda903Files(db: Kysely<Database>, year: number, settings: ReturnsSettings, onProgress?: Progress): Promise<Record<string, string>> {
  return write903Files(await build903Return(db, collectionPeriod(year), settings, { onProgress }));
}

/** Files zipped together (the 903's ten tables as one download). Fixed times keep the same files the same zip. */
export function zipFiles(files: Record<string, string>): Buffer {
  const entries = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, [strToU8(text), { mtime: new Date('2000-01-01T00:00:00Z') }] as const]));
  return Buffer.from(zipSync(entries as Parameters<typeof zipSync>[0]));
}

/** What an export run asks for: a collection year for CIN and 903, an as-at date for Annex A. */
export type ExportRequest = { kind: 'cin' | '903'; year: number } | { kind: 'annex-a'; asAt: string };

/** The one file a page download hands over for a return. */
export async function exportFile(db: Kysely<Database>, request: ExportRequest, settings: ReturnsSettings, onProgress?: Progress): Promise<ReturnFile> {
  switch (request.kind) {
    case 'cin': {
      const [[name, xml]] = Object.entries(await cinFiles(db, request.year, settings, onProgress)) as [[string, string]];
      return { name, contentType: 'application/xml; charset=utf-8', bytes: Buffer.from(xml, 'utf8') };
    }
    case '903':
      return { name: ssda903ZipName(settings.laCode, request.year), contentType: 'application/zip', bytes: zipFiles(await ssda903Files(db, request.year, settings, onProgress)) };
    case 'annex-a': {
      const annexA = await buildAnnexA(db, request.asAt, settings, { onProgress });
      return { name: annexAFileName(request.asAt), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: await annexAWorkbook(annexA) };
    }
  }
}

export const RETURN_KINDS: readonly ReturnKind[] = ['cin', '903', 'annex-a'];
