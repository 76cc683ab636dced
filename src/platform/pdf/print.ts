import { chromium } from 'playwright-core';

export interface PrintOptions {
  /** Debian's Chromium unless configured otherwise (CAIRN_CHROMIUM_PATH). */
  executablePath?: string;
  /** A line printed at the top of every page, e.g. "OFFICIAL-SENSITIVE". */
  header?: string;
}

const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu', '--disable-extensions'];

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Prints a self-contained HTML document to an A4 PDF with page numbers in the footer, in a headless Chromium started
 * for this one document and closed after. Offline: every request the page makes (a stylesheet, an image, a font) is
 * refused, so what is printed is exactly the HTML given and nothing leaves the machine.
 */
export async function htmlToPdf(html: string, options: PrintOptions = {}): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath: options.executablePath ?? '/usr/bin/chromium', args: ARGS });
  try {
    const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort('blockedbyclient'));
    await page.setContent(html, { waitUntil: 'load' });
    const small = 'font-family: Arial, sans-serif; font-size: 8pt; color: #505a5f; width: 100%; padding: 0 15mm;';
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: `<div style="${small}">${escapeHtml(options.header ?? '')}</div>`,
      footerTemplate: `<div style="${small} text-align: right;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
      margin: { top: '18mm', bottom: '18mm', left: '15mm', right: '15mm' },
    });
    await context.close();
    return pdf;
  } finally {
    await browser.close();
  }
}
