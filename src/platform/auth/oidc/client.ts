import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import type { OidcConfig } from './config.ts';

/** Why a sign-in through the provider failed; each is shown as its own page and audited by name, never with claims. */
export type OidcFailure =
  | 'provider_unavailable'
  | 'provider_error'
  | 'state_mismatch'
  | 'expired_or_replayed'
  | 'token_rejected'
  | 'missing_claims';

export class OidcSignInError extends Error {
  constructor(readonly reason: OidcFailure, detail?: string) {
    super(detail ?? reason);
  }
}

export interface ProviderIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  groups: string[];
  sid: string | null;
  idToken: string;
}

const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/**
 * The relying party: discovery from the issuer (once, retried after a failure), the authorisation request with PKCE,
 * state and nonce, the code exchange with every check openid-client makes (issuer, audience, signature, nonce, state,
 * PKCE), the sign-out address and back-channel logout tokens.
 */
export class OidcClient {
  #discovered: Promise<oidc.Configuration> | null = null;
  #jwks: ReturnType<typeof createRemoteJWKSet> | null = null;

  constructor(readonly settings: OidcConfig) {}

  async configuration(): Promise<oidc.Configuration> {
    if (!this.#discovered) {
      const { issuer, clientId, clientSecret, allowInsecure } = this.settings;
      this.#discovered = oidc
        .discovery(issuer, clientId, clientSecret, undefined, { execute: allowInsecure ? [oidc.allowInsecureRequests] : [], timeout: 10 })
        .catch((error: unknown) => {
          this.#discovered = null;
          throw new OidcSignInError('provider_unavailable', error instanceof Error ? error.message : String(error));
        });
    }
    return this.#discovered;
  }

  async authorisationUrl(checks: { state: string; nonce: string; codeVerifier: string }): Promise<URL> {
    const config = await this.configuration();
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri.href,
      scope: this.settings.scopes,
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /**
   * Exchanges the code. The callback address is rebuilt from the configured redirect URI and the query string
   * alone, so a forged Host header cannot change what is checked.
   */
  async finish(query: string, checks: { state: string; nonce: string; codeVerifier: string }): Promise<ProviderIdentity> {
    const config = await this.configuration();
    const currentUrl = new URL(this.settings.redirectUri.href);
    currentUrl.search = query;
    let tokens;
    try {
      tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      if (error instanceof oidc.AuthorizationResponseError) throw new OidcSignInError('provider_error', error.error);
      throw new OidcSignInError('token_rejected', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
    const idClaims = tokens.claims();
    if (!idClaims || !tokens.id_token) throw new OidcSignInError('token_rejected', 'no ID token');
    let claims: Record<string, unknown> = { ...idClaims };
    // Entra ID puts groups in the ID token; other providers give some claims only at the userinfo endpoint.
    if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
      try {
        const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        claims = { ...info, ...idClaims };
        if (info[this.settings.groupsClaim] !== undefined && idClaims[this.settings.groupsClaim] === undefined) claims[this.settings.groupsClaim] = info[this.settings.groupsClaim];
      } catch (error) {
        throw new OidcSignInError('token_rejected', `userinfo: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
    const rawGroups = claims[this.settings.groupsClaim];
    const groups = (Array.isArray(rawGroups) ? rawGroups : typeof rawGroups === 'string' ? [rawGroups] : []).filter((g): g is string => typeof g === 'string' && g.length > 0);
    return {
      issuer: idClaims.iss,
      subject: idClaims.sub,
      email: text(claims.email) ?? text(claims.preferred_username),
      // Only an explicit `email_verified: true` counts; Entra ID's `preferred_username` is never treated as verified.
      emailVerified: claims.email_verified === true && text(claims.email) !== null,
      name: text(claims.name) ?? ([text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ') || null),
      groups,
      sid: text(idClaims.sid),
      idToken: tokens.id_token,
    };
  }

  /** The provider's sign-out address, or null when it offers none. */
  async endSessionUrl(idToken: string): Promise<URL | null> {
    try {
      const config = await this.configuration();
      if (!config.serverMetadata().end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: this.settings.postLogoutRedirectUri.href });
    } catch {
      // The provider cannot be reached: Cairn's own session has ended already, which is what matters most.
      return null;
    }
  }

  /** Checks a back-channel logout token (OpenID Connect Back-Channel Logout 1.0, section 2.6). */
  async verifyLogoutToken(token: string): Promise<{ issuer: string; sid?: string; subject?: string }> {
    const config = await this.configuration();
    const metadata = config.serverMetadata();
    if (!metadata.jwks_uri) throw new OidcSignInError('token_rejected', 'the provider publishes no keys');
    this.#jwks ??= createRemoteJWKSet(new URL(metadata.jwks_uri));
    const { payload } = await jwtVerify(token, this.#jwks, {
      issuer: metadata.issuer,
      audience: this.settings.clientId,
      maxTokenAge: '5 minutes',
      requiredClaims: ['iat', 'jti', 'events'],
      typ: undefined,
    }).catch((error: unknown) => {
      throw new OidcSignInError('token_rejected', error instanceof Error ? error.message : String(error));
    });
    const events = payload.events as Record<string, unknown> | undefined;
    if (!events || typeof events !== 'object' || !(BACKCHANNEL_EVENT in events)) throw new OidcSignInError('token_rejected', 'not a logout token');
    if ('nonce' in payload) throw new OidcSignInError('token_rejected', 'a logout token must not carry a nonce');
    const sid = typeof payload.sid === 'string' ? payload.sid : undefined;
    const subject = typeof payload.sub === 'string' ? payload.sub : undefined;
    if (!sid && !subject) throw new OidcSignInError('token_rejected', 'a logout token names a session or a subject');
    return { issuer: metadata.issuer, sid, subject };
  }
}
