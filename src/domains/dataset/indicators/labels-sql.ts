import { type RawBuilder, sql } from 'kysely';

/**
 * A code column read as its label (`CASE col WHEN 'code' THEN 'Label' … ELSE col END`), from the capability's own
 * code set, so a breakdown's headings are the words its forms use and a code outside the set still shows as itself.
 */
export function labelled(column: RawBuilder<unknown>, codes: Readonly<Record<string, string>>): RawBuilder<unknown> {
  const entries = Object.entries(codes);
  if (!entries.length) return column;
  return sql`CASE ${column} ${sql.join(
    entries.map(([code, label]) => sql`WHEN ${sql.lit(code)} THEN ${sql.lit(label)}`),
    sql` `,
  )} ELSE ${column} END`;
}
