/**
 * The text names are matched on: lower case, accents folded, punctuation dropped, so that "Zoë O'Neill"
 * and "zoe oneill" meet. Stored beside each name and applied to every query.
 */
export function searchKey(...parts: (string | null | undefined)[]): string {
  return parts
    .filter(Boolean)
    .join(' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, '')
    .replace(/[\s-]+/g, ' ')
    .trim();
}

export const fullName = (p: { given_name: string; family_name: string }) => `${p.given_name} ${p.family_name}`;
