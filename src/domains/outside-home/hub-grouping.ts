/**
 * How the MET hub agenda groups children: connected components over the children shown, where each link (an
 * association between two of them, a peer group or a place several of them share, an adult or peer they are each
 * associated with) joins every child it names. Pure, so it can be worked by hand in a test.
 */

export interface HubLink {
  /** The children the link joins (only children on the agenda). */
  childIds: readonly string[];
  /** What links them, in words. */
  words: string;
  place?: { id: string; name: string };
}

export interface HubGroup {
  childIds: string[];
  links: HubLink[];
  places: { id: string; name: string }[];
}

export function groupChildren(childIds: readonly string[], links: readonly HubLink[]): { groups: HubGroup[]; alone: string[] } {
  const parent = new Map(childIds.map((id) => [id, id]));
  const root = (id: string): string => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(id, r);
    return r;
  };
  const useful = links.map((l) => ({ ...l, childIds: [...new Set(l.childIds)].filter((id) => parent.has(id)) })).filter((l) => l.childIds.length >= 2);
  for (const link of useful) {
    const [first, ...rest] = link.childIds;
    for (const other of rest) parent.set(root(other), root(first!));
  }
  const members = new Map<string, string[]>();
  for (const id of childIds) members.set(root(id), [...(members.get(root(id)) ?? []), id]);
  const groups: HubGroup[] = [];
  const alone: string[] = [];
  for (const [groupRoot, ids] of members) {
    if (ids.length < 2) {
      alone.push(...ids);
      continue;
    }
    const groupLinks = useful.filter((l) => root(l.childIds[0]!) === groupRoot);
    const places = new Map<string, { id: string; name: string }>();
    for (const l of groupLinks) if (l.place) places.set(l.place.id, l.place);
    groups.push({ childIds: ids, links: groupLinks, places: [...places.values()] });
  }
  return { groups, alone };
}

/** "Amy", "Amy and Ben", "Amy, Ben and Cara". */
export function namesInWords(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
