import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import Provider from 'oidc-provider';

/** A synthetic person at the test identity provider. */
export interface ProviderAccount {
  email: string;
  name: string;
  emailVerified?: boolean;
  groups: string[];
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Accounts by login (their subject); tests change groups between sign-ins. */
  accounts: Map<string, ProviderAccount>;
  /** Cairn's environment for this provider. */
  env(redirectUri: string): NodeJS.ProcessEnv;
  /** Signs a back-channel logout token with the provider's own key, as the provider would. */
  logoutToken(claims: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (`oidc-provider`, the certified Node implementation) on a free local port: one
 * confidential client with PKCE required, its development login pages, RP-initiated and back-channel logout.
 */
export async function startTestProvider(options: { redirectUris: string[]; postLogoutRedirectUris: string[]; port?: number }): Promise<TestProvider> {
  let handler: ((req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void) | null = null;
  const server: Server = createServer((req, res) => (handler ? handler(req, res) : res.writeHead(503).end()));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const accounts = new Map<string, ProviderAccount>();
  const clientId = 'cairn-test';
  const clientSecret = 'a-test-client-secret-that-is-long-enough-0123456789';

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        backchannel_logout_uri: new URL('/auth/oidc/backchannel-logout', options.redirectUris[0]).href,
        backchannel_logout_session_required: true,
      },
    ],
    pkce: { required: () => true, methods: ['S256'] },
    jwks: { keys: [jwk] },
    cookies: { keys: ['a-test-cookie-key-0123456789'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    features: {
      devInteractions: { enabled: true },
      backchannelLogout: { enabled: true },
      // The provider's own "sign out?" page, without the web fonts its default asks for (the tests run offline).
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign out</title></head><body><h1>Sign out of the test provider?</h1>${form}<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button></body></html>`;
        },
      },
    },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    findAccount: (_ctx, id) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, email: account.email, email_verified: account.emailVerified ?? true, name: account.name, groups: account.groups }),
      };
    },
  });
  handler = provider.callback();

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    env: (redirectUri) => ({
      CAIRN_OIDC_ISSUER: issuer,
      CAIRN_OIDC_CLIENT_ID: clientId,
      CAIRN_OIDC_CLIENT_SECRET: clientSecret,
      CAIRN_OIDC_REDIRECT_URI: redirectUri,
      CAIRN_OIDC_BUTTON_TEXT: 'Sign in with Brackenshire Council account',
    }),
    logoutToken: (claims) =>
      new SignJWT({ events: { 'http://schemas.openid.net/event/backchannel-logout': {} }, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key', typ: 'logout+jwt' })
        .setIssuer(issuer)
        .setAudience(clientId)
        .setIssuedAt()
        .setJti(crypto.randomUUID())
        .sign(privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * What a browser does at the provider: follows its redirects, signs in as `login` on its development login page and
 * agrees to share the claims, until the provider sends the browser back to Cairn. Returns that address.
 */
export async function signInAtProvider(authorisationUrl: string, login: string, redirectUri: string): Promise<URL> {
  const cookies = new Map<string, string>();
  const send = async (url: URL, init: RequestInit = {}) => {
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...value] = pair!.split('=');
      cookies.set(name!.trim(), value.join('='));
    }
    return response;
  };
  let url = new URL(authorisationUrl);
  for (let step = 0; step < 12; step++) {
    const response = await send(url);
    if (response.status >= 300 && response.status < 400) {
      const next = new URL(response.headers.get('location')!, url);
      if (next.href.startsWith(redirectUri)) return next;
      url = next;
      continue;
    }
    const html = await response.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (response.status !== 200 || !prompt) throw new Error(`The provider answered ${response.status} at ${url.pathname}: ${html.slice(0, 300)}`);
    const form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
    const posted = await send(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    if (posted.status < 300 || posted.status >= 400) throw new Error(`The provider refused the ${prompt} step (${posted.status})`);
    url = new URL(posted.headers.get('location')!, url);
  }
  throw new Error('The provider never sent the browser back to Cairn');
}

/** A port nothing listens on now: taken, then released (for an app that must know its address before it starts). */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
