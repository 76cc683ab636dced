import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/organisation.ts';
import { type TestApp, testApp } from './app.ts';

/** Debian's Chromium; `.ci/run` installs it when it is missing. */
export const CHROMIUM = process.env.CAIRN_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Problems a page reported while a journey ran: script errors, CSP violations, assets that failed to load. */
const problemsOf = new WeakMap<Page, string[]>();

export interface BrowserApp {
  /** The running app and its database, for checks behind the browser (such as the audit log). */
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  /**
   * Runs one journey in a fresh browser context (its own cookies), then fails it if the page reported a script error,
   * a Content Security Policy violation or an asset that did not load.
   */
  journey(run: (page: Page) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** The real app on a fresh in-memory database with the demo partnership, listening on a free port, and a Chromium. */
export async function startBrowserApp(options: { children?: number; env?: NodeJS.ProcessEnv; port?: number } = {}): Promise<BrowserApp> {
  const t = await testApp({ children: options.children ?? 40, env: options.env });
  let browser: Browser | undefined;
  try {
    await t.app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
    const { port } = t.app.server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const launched = browser;
    return {
      t,
      baseUrl,
      browser: launched,
      journey: async (run) => {
        const context = await launched.newContext({ baseURL: baseUrl });
        context.setDefaultTimeout(15_000);
        const page = await watchedPage(context, baseUrl);
        try {
          await run(page);
        } catch (error) {
          const problems = problemsOf.get(page) ?? [];
          if (problems.length) console.error(`The page also reported:\n  ${problems.join('\n  ')}`);
          throw error;
        } finally {
          await context.close();
        }
        assertNoPageProblems(page);
      },
      close: async () => {
        await launched.close();
        await t.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await t.close();
    throw error;
  }
}

async function watchedPage(context: BrowserContext, baseUrl: string): Promise<Page> {
  // Reported as console errors too, but this names the directive and what was blocked.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`);
    });
  });
  return watch(await context.newPage(), baseUrl);
}

/**
 * Another tab in the same browser context as `page` (same cookies, same session), watched for problems like the first:
 * for journeys that need two copies of a form open at once.
 */
export async function anotherPage(page: Page): Promise<Page> {
  return watch(await page.context().newPage(), new URL(page.url()).origin);
}

function watch(page: Page, baseUrl: string): Page {
  const problems: string[] = [];
  problemsOf.set(page, problems);
  page.on('pageerror', (error) => problems.push(`Script error on ${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // A page answering 404 on purpose logs "Failed to load resource"; failed assets are caught by the response check below.
    if (message.text().startsWith('Failed to load resource')) return;
    problems.push(`Console error on ${page.url()}: ${message.text()}`);
  });
  page.on('response', (response) => {
    const request = response.request();
    if (request.resourceType() !== 'document' && response.status() >= 400) {
      problems.push(`${request.resourceType()} ${response.url()} answered ${response.status()} on ${page.url()}`);
    }
  });
  page.on('requestfailed', (request) => {
    // Leaving a page while it is still loading aborts its requests: that is navigation, not a fault.
    const failure = request.failure()?.errorText ?? '';
    if (request.url().startsWith(baseUrl) && failure !== 'net::ERR_ABORTED') problems.push(`${request.resourceType()} ${request.url()} failed: ${failure}`);
  });
  return page;
}

export function assertNoPageProblems(page: Page): void {
  const problems = problemsOf.get(page) ?? [];
  assert.equal(problems.length, 0, `The page reported problems:\n  ${problems.join('\n  ')}`);
}

/**
 * Runs axe with the WCAG 2.2 AA rule sets on the page as it is now and fails on any serious or critical violation,
 * naming each rule and the elements it found. Also fails if the page has reported a script error or CSP violation.
 */
export async function expectAccessible(page: Page): Promise<void> {
  // Legacy mode runs axe in the page itself; the default opens a blank page for every check to join frames' results,
  // which Cairn's pages (no iframes) do not need and which made each check take twice as long. Only violations are
  // collected: the passes' details were never read.
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).options({ resultTypes: ['violations'] }).setLegacyMode().analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const described = serious.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.map(String).join(' ')).join('\n    ')}\n    ${v.helpUrl}`,
  );
  assert.equal(serious.length, 0, `Accessibility problems on ${page.url()}:\n  ${described.join('\n  ')}`);
  assertNoPageProblems(page);
}

/** Signs in through the form as a demo user. Leaves the browser wherever the sign-in sends it. */
export async function signIn(page: Page, email: string, password: string = DEMO_PASSWORD): Promise<void> {
  if (!new URL(page.url(), 'http://x').pathname.startsWith('/sign-in')) await page.goto('/sign-in');
  await fillSignIn(page, email, password);
  if (new URL(page.url()).pathname.startsWith('/sign-in')) {
    assert.fail(`${email} could not sign in: ${(await errorSummary(page)) ?? 'the sign-in page came back without an error'}`);
  }
}

/** Fills and sends the sign-in form on the current page without expecting success. */
export async function fillSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await submit(page, 'Sign in');
}

/** Clicks a button that sends a form and waits for the page that comes back to load. */
export async function submit(page: Page, buttonName: string): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: buttonName, exact: true }).click()]);
}

/** The page's main heading. */
export async function heading(page: Page): Promise<string> {
  return ((await page.getByRole('heading', { level: 1 }).first().textContent()) ?? '').trim();
}

/** The text of the GOV.UK error summary, or null when the page has none. */
export async function errorSummary(page: Page): Promise<string | null> {
  const summary = page.locator('.govuk-error-summary');
  if ((await summary.count()) === 0) return null;
  return (await summary.innerText()).replace(/\s+/g, ' ').trim();
}

/** Follows a link by its accessible name and waits for the page it leads to. */
export async function follow(page: Page, linkName: string | RegExp): Promise<void> {
  const link = typeof linkName === 'string' ? page.getByRole('link', { name: linkName, exact: true }) : page.getByRole('link', { name: linkName });
  await Promise.all([page.waitForEvent('load'), link.first().click()]);
}

/** The path of the page the browser is on, without the query. */
export const pathOf = (page: Page): string => new URL(page.url()).pathname;

/** The error summary's text, failing when the page has none. */
export async function problems(page: Page): Promise<string> {
  const summary = await errorSummary(page);
  assert.ok(summary, `${pathOf(page)} shows an error summary`);
  assert.match(await page.title(), /^Error: /);
  return summary;
}

/** The main content's text with whitespace collapsed, for matching across lines and table cells. */
export const mainText = async (page: Page): Promise<string> => (await page.locator('main').innerText()).replace(/\s+/g, ' ');

/** Fills a GOV.UK date input from an ISO date, or from the day, month and year exactly as typed. */
export async function fillDate(page: Page, id: string, iso: string | [string, string, string]): Promise<void> {
  const [year, month, day] = Array.isArray(iso) ? iso : iso.split('-').map((p) => String(Number(p)));
  await page.locator(`#${id}-day`).fill(day!);
  await page.locator(`#${id}-month`).fill(month!);
  await page.locator(`#${id}-year`).fill(year!);
}
