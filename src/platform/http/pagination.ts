/** Paging for long, filtered lists (access audit, who has seen a record, chronology, alerts). */

export const PAGE_SIZE = 50;

/** A 1-based page number from the query string; anything odd means the first page. */
export function pageNumber(raw: unknown): number {
  const n = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return n >= 1 ? n : 1;
}

export interface PaginationView {
  previous?: { href: string };
  next?: { href: string };
  items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[];
}

/**
 * Parameters for govukPagination, or null when everything fits on one page. `query` holds the current
 * filters so that moving between pages keeps them.
 */
export function pagination(path: string, query: Record<string, string>, page: number, total: number, size = PAGE_SIZE): PaginationView | null {
  const pages = Math.max(1, Math.ceil(total / size));
  if (pages <= 1) return null;
  const href = (n: number) => {
    const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== ''));
    params.set('page', String(n));
    return `${path}?${params.toString()}`;
  };
  const items: PaginationView['items'] = [];
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - page) <= 1) items.push({ number: n, href: href(n), current: n === page });
    else if (!('ellipsis' in (items.at(-1) ?? {}))) items.push({ ellipsis: true });
  }
  return {
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < pages ? { next: { href: href(page + 1) } } : {}),
    items,
  };
}
