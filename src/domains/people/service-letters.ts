import type { RequestContext } from '../../platform/access/authorise.ts';
import { viewablePeople } from '../../platform/access/authorise.ts';
import { RELATIONSHIP } from './codes.ts';
import { fullName } from './names.ts';
import * as repo from './repository.ts';

export interface LetterRecipient {
  id: string;
  name: string;
  /** How they are related to the child, e.g. "Parent". */
  relationship: string;
  /** Their current address, or none recorded. */
  addressLines: string[];
}

/** Kinds read "A is the <kind> of the child": the people a letter about a child can be written to. */
const CARING = new Set(['parent', 'step_parent', 'carer']);

/**
 * The child's parents and carers from the person index, with their current address, for a letter about the child.
 * Only people the actor may see are offered (a restricted parent is left out, not named). Callers have already
 * authorised the actor for the child.
 */
export async function letterRecipients(ctx: RequestContext, childId: string): Promise<LetterRecipient[]> {
  const rows = await repo.listRelationships(ctx.db, childId);
  const kinds = new Map<string, string>();
  for (const r of rows) {
    // Stored once as "A is the <kind> of B": from the child's side the other person is a parent when A is them.
    const otherIsA = r.related_person_id === childId;
    const kind = otherIsA ? r.kind : (RELATIONSHIP[r.kind]?.inverse ?? r.kind);
    const otherId = otherIsA ? r.person_id : r.related_person_id;
    if (CARING.has(kind) && !kinds.has(otherId)) kinds.set(otherId, kind);
  }
  const ids = [...kinds.keys()];
  const [people, visible] = await Promise.all([repo.findPeople(ctx.db, ids), viewablePeople(ctx, ids)]);
  const shown = people.filter((p) => visible.has(p.id) && !p.merged_into && !p.destroyed_at && !p.date_of_death);
  const addresses = await Promise.all(shown.map((p) => repo.listAddresses(ctx.db, p.id)));
  return shown
    .map((p, i) => {
      const current = addresses[i]!.find((a) => a.end_date === null);
      return {
        id: p.id,
        name: fullName(p),
        relationship: RELATIONSHIP[kinds.get(p.id)!]?.label ?? 'Parent or carer',
        addressLines: current ? [current.line1, current.line2, current.town, current.postcode].filter((l): l is string => Boolean(l)) : [],
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
