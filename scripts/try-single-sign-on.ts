// Starts a local OpenID Connect provider (the one the tests use) with synthetic staff accounts, so single sign-on can
// be tried on the demo without an identity provider of your own. Prints the settings to start Cairn with.
//
//   npm run try:sso        then, in another terminal, the command it prints
import { startTestProvider } from '../test/support/oidc-provider.ts';

const cairn = process.env.CAIRN_URL ?? 'http://localhost:3000';
const port = Number(process.env.PROVIDER_PORT ?? 3999);
const redirectUri = new URL('/auth/oidc/callback', cairn).href;
const provider = await startTestProvider({
  redirectUris: [redirectUri],
  postLogoutRedirectUris: [new URL('/sign-in?reason=signed-out', cairn).href],
  port,
});
// Invented people; any password is accepted at the provider's development sign-in page.
provider.accounts.set('casey.marlow', { email: 'casey.marlow@brackenshire.example', name: 'Casey Marlow', groups: ['cairn-assessment-team'] });
provider.accounts.set('jordan.pike', { email: 'jordan.pike@brackenshire.example', name: 'Jordan Pike', groups: ['cairn-no-access'] });

const env = Object.entries(provider.env(redirectUri)).map(([k, v]) => `${k}='${v}'`).join(' ');
console.log(`A local OpenID Connect provider is running at ${provider.issuer}.

1. Start Cairn with it (a fresh data directory gives the demo partnership):
     ${env} npm start
2. Sign in as ada.kerr@cairn.example (password demo-only-not-secret), open "Single sign-on" and map the group
   cairn-assessment-team to Brackenshire Children's Social Care, Assessment Team North, Practitioner.
3. Sign out, choose "Sign in with Brackenshire Council account" and sign in at the provider as casey.marlow (any
   password): Cairn creates Casey's account with the mapped role. jordan.pike's group is mapped to nothing, so
   Cairn refuses them.

Ctrl-C stops the provider.`);
process.on('SIGINT', () => void provider.close().then(() => process.exit(0)));
