import type { OidcFailure } from './client.ts';
import type { Refusal } from './service.ts';

export type SsoProblem = OidcFailure | Refusal | 'not_configured';

/** Each way single sign-on can fail, in words for the person signing in: what happened and what to do. */
export const PROBLEMS: Record<SsoProblem, { status: number; title: string; paragraphs: string[]; retry: boolean }> = {
  not_configured: { status: 404, title: 'Single sign-on is not set up', paragraphs: ['Cairn is not set up to sign in through your organisation’s account. Sign in with your email address and password.'], retry: false },
  provider_unavailable: {
    status: 503,
    title: 'Single sign-on is not available at the moment',
    paragraphs: ['Cairn could not reach your organisation’s sign-in service. Try again in a few minutes.', 'If this keeps happening, tell your IT service desk.'],
    retry: true,
  },
  provider_error: {
    status: 400,
    title: 'You have not been signed in',
    paragraphs: ['Your organisation’s sign-in service did not sign you in. You may have cancelled, or it may have refused the request.', 'Try again. If this keeps happening, tell your IT service desk.'],
    retry: true,
  },
  state_mismatch: {
    status: 400,
    title: 'Your sign-in has expired',
    paragraphs: ['For your security, signing in must be started and finished in the same browser, within 10 minutes, and each sign-in link works once.', 'Start signing in again.'],
    retry: true,
  },
  expired_or_replayed: {
    status: 400,
    title: 'Your sign-in has expired',
    paragraphs: ['For your security, signing in must be started and finished in the same browser, within 10 minutes, and each sign-in link works once.', 'Start signing in again.'],
    retry: true,
  },
  token_rejected: {
    status: 400,
    title: 'Your sign-in could not be checked',
    paragraphs: ['Cairn could not confirm the answer from your organisation’s sign-in service, so you have not been signed in.', 'Try again. If this keeps happening, tell your IT service desk.'],
    retry: true,
  },
  missing_claims: {
    status: 400,
    title: 'Your account is missing details Cairn needs',
    paragraphs: ['Your organisation’s sign-in service did not give Cairn your name and email address, which Cairn needs to set up your account.', 'Ask your administrator to check how Cairn is registered with your organisation.'],
    retry: false,
  },
  no_access: {
    status: 403,
    title: 'Your account has no Cairn access',
    paragraphs: ['You signed in to your organisation’s account, but it is not in any group that gives access to Cairn.', 'Ask your administrator to give you access.'],
    retry: false,
  },
  conflicting_agencies: {
    status: 403,
    title: 'Your Cairn access could not be worked out',
    paragraphs: ['Your account is in groups that give access to Cairn for more than one organisation. A Cairn account belongs to one organisation.', 'Ask your administrator to check your groups.'],
    retry: false,
  },
  disabled: {
    status: 403,
    title: 'Your Cairn account has been disabled',
    paragraphs: ['You cannot sign in to Cairn with this account.', 'If you think this is wrong, ask your administrator.'],
    retry: false,
  },
  email_in_use: {
    status: 403,
    title: 'Your account could not be linked',
    paragraphs: ['A Cairn account with your email address already exists, and Cairn cannot safely link it to the account you signed in with.', 'Ask your administrator to link your accounts.'],
    retry: false,
  },
};
