import type { Browser } from 'playwright-core';

export interface PrintOptions {
  /** Debian's Chromium unless configured otherwise (CAIRN_CHROMIUM_PATH). */
  executablePath?: string;
  /** A line printed at the top of every page, e.g. "OFFICIAL-SENSITIVE". */
  header?: string;
}

const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu', '--disable-extensions'];

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * One Chromium, started at the first print and shared by every print after it (each in a context of its own, so no
 * document sees another's), because starting a browser takes longer than printing most documents. It closes after a
 * minute with nothing to print, and when the app closes.
 */
let shared: { executablePath: string; browser: Promise<Browser>; printing: number } | null = null;
let idle: NodeJS.Timeout | undefined;
const IDLE_MS = 60_000;

function sharedBrowser(executablePath: string): NonNullable<typeof shared> {
  clearTimeout(idle);
  if (shared?.executablePath === executablePath) return shared;
  void closePrintBrowser();
  // Loaded at the first print: playwright is large, and most requests never print.
  const browser = import('playwright-core').then(({ chromium }) => chromium.launch({ executablePath, args: ARGS }));
  const current = { executablePath, browser, printing: 0 };
  shared = current;
  // A browser that crashed or failed to start is forgotten, so the next print starts a new one.
  browser.then(
    (b) => b.on('disconnected', () => shared === current && (shared = null)),
    () => shared === current && (shared = null),
  );
  return current;
}

/** Closes the shared browser, if one is running (the app's onClose; tests that print directly). */
export async function closePrintBrowser(): Promise<void> {
  clearTimeout(idle);
  const current = shared;
  shared = null;
  await current?.browser.then((b) => b.close()).catch(() => {});
}

/**
 * Prints a self-contained HTML document to an A4 PDF with page numbers in the footer. Offline: every request the page
 * makes (a stylesheet, an image, a font) is refused, so what is printed is exactly the HTML given and nothing leaves
 * the machine.
 */
export async function htmlToPdf(html: string, options: PrintOptions = {}): Promise<Buffer> {
  const holder = sharedBrowser(options.executablePath ?? '/usr/bin/chromium');
  holder.printing++;
  try {
    const context = await (await holder.browser).newContext({ offline: true, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.route('**/*', (route) => route.abort('blockedbyclient'));
      await page.setContent(html, { waitUntil: 'load' });
      const small = 'font-family: Arial, sans-serif; font-size: 8pt; color: #505a5f; width: 100%; padding: 0 15mm;';
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: `<div style="${small}">${escapeHtml(options.header ?? '')}</div>`,
        footerTemplate: `<div style="${small} text-align: right;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
        margin: { top: '18mm', bottom: '18mm', left: '15mm', right: '15mm' },
      });
    } finally {
      await context.close();
    }
  } finally {
    holder.printing--;
    if (holder.printing === 0 && shared === holder) idle = setTimeout(() => void closePrintBrowser(), IDLE_MS).unref();
  }
}
