import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, describe, it } from 'node:test';
import { closePrintBrowser, htmlToPdf } from './print.ts';

const chromiumPath = process.env.CAIRN_CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('htmlToPdf', () => {
  after(closePrintBrowser);
  it('prints an A4 PDF with page numbers', async () => {
    const body = Array.from({ length: 120 }, (_, i) => `<p>Paragraph ${i + 1}</p>`).join('');
    const pdf = await htmlToPdf(`<!doctype html><html lang="en"><head><title>Test</title></head><body>${body}</body></html>`, { executablePath: chromiumPath, header: 'OFFICIAL-SENSITIVE' });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdf.length > 1000);
    const text = pdf.toString('latin1');
    // A4 is 595 × 842 points (Chromium rounds to 595.92 × 842.88); 120 paragraphs run to several pages.
    assert.match(text, /\/MediaBox \[0 0 595(\.\d+)? 84[12](\.\d+)?\]/);
    assert.ok(Number(/\/Count (\d+)/.exec(text)?.[1]) >= 2);
  });

  it('makes no network request, even when the document asks for one', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests += 1;
      res.end('body { color: red }');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const pdf = await htmlToPdf(
        `<!doctype html><html lang="en"><head><title>T</title><link rel="stylesheet" href="http://127.0.0.1:${port}/a.css"></head><body><img src="http://127.0.0.1:${port}/b.png" alt=""><p>Hello</p></body></html>`,
        { executablePath: chromiumPath },
      );
      assert.equal(pdf.subarray(0, 4).toString('latin1'), '%PDF');
      assert.equal(requests, 0);
    } finally {
      server.close();
    }
  });

  it('prints documents side by side in one browser, and starts another when that one has gone', async () => {
    const doc = (n: number) => `<!doctype html><html lang="en"><head><title>${n}</title></head><body><p>Document ${n}</p></body></html>`;
    const pdfs = await Promise.all([1, 2, 3].map((n) => htmlToPdf(doc(n), { executablePath: chromiumPath })));
    assert.ok(pdfs.every((pdf) => pdf.subarray(0, 5).toString('latin1') === '%PDF-'));
    await closePrintBrowser();
    assert.equal((await htmlToPdf(doc(4), { executablePath: chromiumPath })).subarray(0, 5).toString('latin1'), '%PDF-');
  });

  it('says so when the browser cannot start, and recovers when it can', async () => {
    await assert.rejects(htmlToPdf('<p>x</p>', { executablePath: '/nonexistent/chromium' }));
    assert.equal((await htmlToPdf('<p>x</p>', { executablePath: chromiumPath })).subarray(0, 5).toString('latin1'), '%PDF-');
  });
});
