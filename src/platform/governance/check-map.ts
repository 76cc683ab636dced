import type { Catalogue } from '../backup/repository.ts';
import { PERSON_DATA_MAP, type TableDeclaration } from './person-data-map.ts';

/** The column(s) a foreign key constraint's definition names on its own table, e.g. `FOREIGN KEY (person_id) REFERENCES people(id)`. */
function foreignKeyColumns(definition: string): string[] {
  const match = /FOREIGN KEY \(([^)]+)\)/.exec(definition);
  return match ? match[1]!.split(',').map((c) => c.trim().replace(/^"|"$/g, '')) : [];
}

/**
 * Everything wrong with the map against a catalogue: tables not declared, columns referencing `people` that no link
 * names, links naming columns or tables that do not exist, and parent chains that never reach a person. Empty when
 * the map is complete. Declarations of tables absent from the catalogue are allowed (a migration not yet merged).
 */
export function checkPersonDataMap(catalogue: Catalogue, map: Record<string, TableDeclaration> = PERSON_DATA_MAP): string[] {
  const problems: string[] = [];
  const columns = new Map(catalogue.tables.map((t) => [t.name, new Set(t.columns.map((c) => c.name))]));
  const hasColumn = (tableName: string, column: string) => columns.get(tableName)?.has(column) ?? false;

  for (const t of catalogue.tables) {
    if (!map[t.name]) problems.push(`Table ${t.name} is not declared in the person-data map (src/platform/governance/person-data-map.ts).`);
  }

  const personColumns = new Map<string, Set<string>>();
  for (const fk of catalogue.foreignKeys) {
    if (fk.parent !== 'people') continue;
    for (const column of foreignKeyColumns(fk.definition)) {
      const set = personColumns.get(fk.child) ?? new Set<string>();
      set.add(column);
      personColumns.set(fk.child, set);
    }
  }
  for (const [tableName, cols] of personColumns) {
    const declared = map[tableName];
    if (!declared) continue;
    if (declared.about === 'none') {
      problems.push(`Table ${tableName} references people (${[...cols].join(', ')}) but is declared as not about a person.`);
      continue;
    }
    const linked = new Set(declared.links.flatMap((l) => ('column' in l && !('parent' in l) ? [l.column] : [])));
    for (const c of cols) {
      // `merged_into` on people points at the surviving record, declared as a column link like any other.
      if (!linked.has(c)) problems.push(`Column ${tableName}.${c} references people but no link in the person-data map names it.`);
    }
  }

  for (const [tableName, declared] of Object.entries(map)) {
    if (declared.about !== 'person' || !columns.has(tableName)) continue;
    if (!declared.links.length) problems.push(`Table ${tableName} is about a person but declares no link.`);
    if (declared.dateColumn && !hasColumn(tableName, declared.dateColumn)) problems.push(`Table ${tableName} has no date column ${declared.dateColumn}.`);
    for (const link of declared.links) {
      if (link.when && !hasColumn('through' in link ? link.through : tableName, link.when.column)) {
        problems.push(`A link on ${tableName} is narrowed by a column that does not exist (${link.when.column}).`);
      }
      if ('through' in link) {
        if (!hasColumn(link.through, link.key) || !hasColumn(link.through, link.person)) problems.push(`Table ${tableName} links through ${link.through}.${link.key}/${link.person}, which does not exist.`);
        if (!hasColumn(tableName, 'id')) problems.push(`Table ${tableName} links through ${link.through} but has no id column.`);
      } else if ('parent' in link) {
        if (!hasColumn(tableName, link.column)) problems.push(`Table ${tableName} has no column ${link.column}.`);
        const parent = map[link.parent];
        if (!parent || parent.about !== 'person') problems.push(`Table ${tableName} reaches a person through ${link.parent}, which is not declared as about a person.`);
        else if (!hasColumn(link.parent, link.parentKey ?? 'id')) problems.push(`Table ${link.parent} has no column ${link.parentKey ?? 'id'}.`);
      } else if (!hasColumn(tableName, link.column)) {
        problems.push(`Table ${tableName} has no column ${link.column}.`);
      }
    }
    if (!reachesPerson(map, tableName, new Set())) problems.push(`Table ${tableName} never reaches a person: its parent links go round in a circle.`);
  }
  return problems;
}

function reachesPerson(map: Record<string, TableDeclaration>, tableName: string, seen: Set<string>): boolean {
  const declared = map[tableName];
  if (!declared || declared.about !== 'person' || seen.has(tableName)) return false;
  seen.add(tableName);
  return declared.links.some((l) => !('parent' in l) || reachesPerson(map, l.parent, new Set(seen)));
}
