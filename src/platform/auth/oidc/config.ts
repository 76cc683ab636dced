import { z } from 'zod';

/** Single sign-on with an OpenID Connect provider (Microsoft Entra ID or any other), from the environment. */
export interface OidcConfig {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  redirectUri: URL;
  /** Where the provider sends someone back after signing out there; registered with the provider too. */
  postLogoutRedirectUri: URL;
  scopes: string;
  /** The claim holding the user's groups (Entra ID: `groups`, or `roles` for app roles). */
  groupsClaim: string;
  /** The words on the sign-in page's button. */
  buttonText: string;
  /** Plain HTTP is allowed only to a provider on this machine (tests, development). */
  allowInsecure: boolean;
}

const REQUIRED = ['CAIRN_OIDC_ISSUER', 'CAIRN_OIDC_CLIENT_ID', 'CAIRN_OIDC_CLIENT_SECRET', 'CAIRN_OIDC_REDIRECT_URI'] as const;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An https address, or http to this machine only. */
const endpoint = (name: string) =>
  z
    .url({ protocol: /^https?$/, error: `${name} must be a full https:// address` })
    .transform((v) => new URL(v))
    .refine((u) => u.protocol === 'https:' || LOOPBACK.has(u.hostname), `${name} must use https:// (plain http is allowed only to localhost)`)
    .refine((u) => !u.hash, `${name} must not have a #fragment`);

const schema = z.object({
  CAIRN_OIDC_ISSUER: endpoint('CAIRN_OIDC_ISSUER'),
  CAIRN_OIDC_CLIENT_ID: z.string().trim().min(1, 'CAIRN_OIDC_CLIENT_ID must not be empty').max(256),
  CAIRN_OIDC_CLIENT_SECRET: z.string().min(1, 'CAIRN_OIDC_CLIENT_SECRET must not be empty').max(1024),
  CAIRN_OIDC_REDIRECT_URI: endpoint('CAIRN_OIDC_REDIRECT_URI').refine((u) => u.pathname === '/auth/oidc/callback', 'CAIRN_OIDC_REDIRECT_URI must end in /auth/oidc/callback (the path Cairn answers on)'),
  CAIRN_OIDC_POST_LOGOUT_REDIRECT_URI: endpoint('CAIRN_OIDC_POST_LOGOUT_REDIRECT_URI').optional(),
  CAIRN_OIDC_SCOPES: z
    .string()
    .trim()
    .default('openid profile email')
    .refine((s) => s.split(/\s+/).includes('openid'), 'CAIRN_OIDC_SCOPES must include openid'),
  CAIRN_OIDC_GROUPS_CLAIM: z.string().trim().min(1).max(128).default('groups'),
  CAIRN_OIDC_BUTTON_TEXT: z.string().trim().min(1).max(100).default('Sign in with your organisation’s account'),
});

/**
 * Single sign-on is off unless configured; configured by halves it stops start-up with every problem named, rather
 * than showing a button that cannot work.
 */
export function readOidcConfig(env: NodeJS.ProcessEnv): { config: OidcConfig | null; problems: string[] } {
  const given = Object.keys(env).filter((k) => k.startsWith('CAIRN_OIDC_') && env[k] !== undefined && env[k] !== '');
  if (!given.length) return { config: null, problems: [] };
  const missing = REQUIRED.filter((k) => !env[k]);
  if (missing.length) {
    return { config: null, problems: missing.map((k) => `${k}: single sign-on is half configured (${given.join(', ')} set) – set ${k} too, or unset the CAIRN_OIDC_ variables`) };
  }
  const set = Object.fromEntries(given.map((k) => [k, env[k]]));
  const parsed = schema.safeParse(set);
  if (!parsed.success) return { config: null, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const e = parsed.data;
  return {
    problems: [],
    config: {
      issuer: e.CAIRN_OIDC_ISSUER,
      clientId: e.CAIRN_OIDC_CLIENT_ID,
      clientSecret: e.CAIRN_OIDC_CLIENT_SECRET,
      redirectUri: e.CAIRN_OIDC_REDIRECT_URI,
      postLogoutRedirectUri: e.CAIRN_OIDC_POST_LOGOUT_REDIRECT_URI ?? new URL('/sign-in?reason=signed-out', e.CAIRN_OIDC_REDIRECT_URI),
      scopes: e.CAIRN_OIDC_SCOPES,
      groupsClaim: e.CAIRN_OIDC_GROUPS_CLAIM,
      buttonText: e.CAIRN_OIDC_BUTTON_TEXT,
      allowInsecure: e.CAIRN_OIDC_ISSUER.protocol === 'http:',
    },
  };
}
