/**
 * What an API token may be allowed to do: a short, fixed list, each scope covering named /api/v1 routes. A token can
 * call only the routes its scopes name (a route not listed here is closed to every token), and within them it is
 * still a partner practitioner of its agency: the access rules decide which records it sees.
 */
export const SCOPES = {
  'contacts:create': { label: 'Submit contacts', hint: 'POST /api/v1/contacts' },
  'contacts:read': { label: 'Follow the contacts its agency made', hint: 'GET /api/v1/contacts, GET /api/v1/contacts/{id}' },
  'people:search': { label: 'Search the person index', hint: 'POST /api/v1/people/search' },
  'people:read': { label: 'Read the records its agency may see', hint: 'GET /api/v1/people/{id} and its chronology and early help cases' },
} as const;

export type Scope = keyof typeof SCOPES;
export const SCOPE_NAMES = Object.keys(SCOPES) as Scope[];

/** Each API route a token may call, by method and route pattern, and the scope it needs. */
const ROUTE_SCOPES: Record<string, Scope> = {
  'POST /api/v1/contacts': 'contacts:create',
  'GET /api/v1/contacts': 'contacts:read',
  'GET /api/v1/contacts/:id': 'contacts:read',
  'POST /api/v1/people/search': 'people:search',
  'GET /api/v1/people/:id': 'people:read',
  'GET /api/v1/people/:id/chronology': 'people:read',
  'GET /api/v1/people/:id/early-help': 'people:read',
  'GET /api/v1/early-help/cases/:id': 'people:read',
};

/** What every token may read whatever its scopes: the API's own description, to build a client from. */
const OPEN_TO_TOKENS = new Set(['GET /api/docs/openapi.json']);

const key = (method: string, routePattern: string) => `${method === 'HEAD' ? 'GET' : method} ${routePattern}`;

/**
 * The scope a route needs: a scope, 'none' for the API's description, or null when no token may call it (pages,
 * changes to records, the CSRF token).
 */
export function scopeFor(method: string, routePattern: string): Scope | 'none' | null {
  if (OPEN_TO_TOKENS.has(key(method, routePattern))) return 'none';
  return ROUTE_SCOPES[key(method, routePattern)] ?? null;
}

export const isScope = (value: string): value is Scope => value in SCOPES;
