import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { userNames } from '../../platform/auth/users.ts';
import { formatDate } from '../../platform/views/format.ts';
import type { review } from './retention-service.ts';
import { HOLD_REASONS } from './retention-schema.ts';

export const view = (name: string) => `domains/governance/views/${name}.njk`;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const PERSON_TYPES: Record<string, string> = { child: 'Child', unborn: 'Unborn baby', adult: 'Adult' };

export const personKind = (personType: string) => PERSON_TYPES[personType] ?? 'Person';

/** How the queue tells people apart without naming them: the kind of person and the month they were born. */
export function describeBorn(personType: string, dateOfBirth: string | null): string {
  const kind = personKind(personType);
  if (!dateOfBirth) return `${kind}, date of birth not recorded`;
  const [year, month] = dateOfBirth.split('-');
  return `${kind} born ${MONTHS[Number(month) - 1]} ${year}`;
}

export const holdReason = (reason: string) => HOLD_REASONS[reason as keyof typeof HOLD_REASONS] ?? reason;

type Review = Awaited<ReturnType<typeof review>>;

/** The review page's figures in words: the person, their record types with dates, holds and the last decision. */
export async function reviewView(db: Kysely<Database>, data: Review) {
  const p = data.person;
  const names = await userNames(db, [...data.holds.flatMap((h) => [h.placed_by, h.released_by]), data.extension?.decided_by ?? null, data.destruction?.destroyed_by ?? null]);
  const who = (id: string | null) => (id ? (names.get(id) ?? 'a former user') : '');
  const name = p.destroyed_at ? 'Record destroyed' : `${p.given_name} ${p.family_name}`;
  return {
    title: p.destroyed_at ? 'Record destroyed' : `Retention review: ${name}`,
    name,
    person: p,
    born: describeBorn(p.person_type, p.date_of_birth),
    destroyedOn: p.destroyed_at ? formatDate(p.destroyed_at) : null,
    destroyedBy: data.destruction ? who(data.destruction.destroyed_by) : null,
    held: data.held,
    types: data.types.map((t) => ({ ...t, date: t.permanent ? 'Kept permanently' : t.retain_until ? formatDate(t.retain_until) : 'Cannot be worked out' })),
    dates: data.dates,
    reviewDate: data.dates?.review_date ? formatDate(data.dates.review_date) : null,
    blockers: data.blockers,
    holds: data.holds.map((h) => ({ ...h, reasonText: holdReason(h.reason), placedByName: who(h.placed_by), releasedByName: who(h.released_by) })),
    extension: data.extension ? { ...data.extension, decidedByName: who(data.extension.decided_by) } : null,
  };
}
