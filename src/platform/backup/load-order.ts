/** A foreign key between two tables of the schema, with its definition so it can be dropped and made again. */
export interface ForeignKey {
  name: string;
  child: string;
  parent: string;
  definition: string;
}

/**
 * The order to load tables in: every table after the tables it refers to, and the same order for the same schema
 * however the catalogue happens to list it. Tables that refer to each other, or to themselves, cannot all come first; they are
 * grouped together and their keys among themselves are left for the restore to suspend (see `keysToSuspend`).
 */
export function loadOrder(tables: readonly string[], keys: readonly ForeignKey[]): string[] {
  const known = new Set(tables);
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const key of keys) if (known.has(key.child) && known.has(key.parent)) parents.get(key.child)!.add(key.parent);

  // Tarjan's algorithm finishes a group only after every group it refers to, so its groups come parents first.
  return stronglyConnected([...tables].sort(), parents).flatMap((group) => group.sort());
}

/** The keys whose parent does not come before the child in `order`: the restore drops them while loading and makes them again (which checks every row) before committing. */
export function keysToSuspend(order: readonly string[], keys: readonly ForeignKey[]): ForeignKey[] {
  const position = new Map(order.map((t, i) => [t, i]));
  return keys.filter((k) => {
    const child = position.get(k.child);
    const parent = position.get(k.parent);
    return child !== undefined && parent !== undefined && parent >= child;
  });
}

/** Tarjan's strongly connected components, following child → parent edges; groups come out parents first. */
function stronglyConnected(tables: string[], parents: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];

  const visit = (table: string) => {
    index.set(table, counter);
    low.set(table, counter);
    counter += 1;
    stack.push(table);
    onStack.add(table);
    for (const parent of [...parents.get(table)!].sort()) {
      if (!index.has(parent)) {
        visit(parent);
        low.set(table, Math.min(low.get(table)!, low.get(parent)!));
      } else if (onStack.has(parent)) {
        low.set(table, Math.min(low.get(table)!, index.get(parent)!));
      }
    }
    if (low.get(table) === index.get(table)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== table);
      groups.push(group);
    }
  };
  for (const table of tables) if (!index.has(table)) visit(table);
  return groups;
}
