/**
 * Ofsted Annex A (ILACS): the child-level lists an authority gives Ofsted at the start of an inspection, built from
 * Cairn's records as at a date (`buildAnnexA`) and written as the Excel workbook Ofsted receives (`annexAWorkbook`).
 * docs/returns/annex-a.md describes the lists, their periods and the columns Cairn leaves empty.
 */
export { type AnnexA, type AnnexAList, buildAnnexA } from './build.ts';
export type { Cell } from './child.ts';
export { type Column, LOOK_BACK_MONTHS, type ListNumber } from './lists.ts';
export { annexAWorkbook } from './workbook.ts';
