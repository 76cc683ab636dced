import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { ReturnsSettings } from '../settings.ts';
import { adoptionList, careLeaversList, childrenInCareList } from './care.ts';
import { type Cell, type ListRow, childFacts } from './child.ts';
import { childProtectionList, childrenInNeedList } from './children-in-need.ts';
import { CODE_CHOICES } from './codes.ts';
import { assessmentsList, contactsList, earlyHelpList, referralsList, section47List } from './front-door.ts';
import { type Column, type ListNumber, type LookBack, listDefinitions, lookBack } from './lists.ts';

/**
 * Ofsted's Annex A as at a date: every list built from Cairn's records (lists.ts says which columns, in what
 * order, over what period). Cells hold codes, dates (ISO text, written as dates in the workbook), counts and the
 * return identifier; never a child's name or anything typed as free text.
 */
export interface AnnexAList {
  number: ListNumber;
  title: string;
  sheet: string;
  period: LookBack;
  columns: Column[];
  /** One row per child per record, cells in column order. */
  rows: Cell[][];
}

export interface AnnexA {
  asAt: string;
  laCode: string;
  lists: AnnexAList[];
}

type Db = Kysely<Database>;

const BUILDERS: Record<ListNumber, ((db: Db, asAt: string) => Promise<ListRow[]>) | null> = {
  1: contactsList,
  2: earlyHelpList,
  3: referralsList,
  4: assessmentsList,
  5: section47List,
  6: childrenInNeedList,
  7: childProtectionList,
  8: childrenInCareList,
  9: careLeaversList,
  10: adoptionList,
  // Cairn holds no adopters (no adopter recruitment capability): the sheet is there with its headers and no rows.
  11: null,
};

/** A real calendar date as YYYY-MM-DD ('2026-02-30' is not one, though Date.parse lets it roll into March). */
const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;

export async function buildAnnexA(
  db: Db,
  asAt: string,
  settings: ReturnsSettings,
  options: { onProgress?: (done: number, total: number) => void } = {},
): Promise<AnnexA> {
  if (!isDate(asAt)) throw new RangeError(`Annex A is built as at a date (YYYY-MM-DD), not ${asAt}.`);
  const definitions = listDefinitions(CODE_CHOICES);
  // One step per list, and one for the children's shared columns.
  const total = definitions.length + 1;
  let done = 0;
  const step = () => options.onProgress?.(++done, total);

  const built: ListRow[][] = [];
  for (const definition of definitions) {
    const builder = BUILDERS[definition.number];
    built.push(builder ? await builder(db, asAt) : []);
    step();
  }
  const facts = await childFacts(
    db,
    built.flat().map((r) => r.personId),
    asAt,
  );
  step();

  const lists = definitions.map((definition, i): AnnexAList => {
    const known = new Set(definition.columns.map((c) => c.header));
    const rows: Cell[][] = [];
    for (const row of built[i]!) {
      const child = facts.get(row.personId);
      if (!child) continue; // a record merged into another: its records moved to the one that stays
      for (const header of Object.keys(row.values)) if (!known.has(header)) throw new Error(`List ${definition.number} has no column "${header}"`);
      rows.push(definition.columns.map((c) => (c.notHeld ? null : (row.values[c.header] ?? child.values[c.header] ?? null))));
    }
    return { number: definition.number, title: definition.title, sheet: definition.sheet, period: lookBack(definition.number, asAt), columns: definition.columns, rows };
  });
  return { asAt, laCode: settings.laCode, lists };
}
