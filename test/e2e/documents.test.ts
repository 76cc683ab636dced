import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { samplePdf, samplePng } from '../../src/domains/documents/samples.ts';
import { type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

describe('documents on a child’s record in a browser', () => {
  let b: BrowserApp;
  let child: { id: string; given_name: string; family_name: string };

  before(async () => {
    b = await startBrowserApp({ children: 20 });
    // A child with no documents yet (the demo puts some on two children), open to children's social care.
    child = await b.t.db
      .selectFrom('people')
      .select(['id', 'given_name', 'family_name'])
      .where('person_type', '=', 'child')
      .where('restricted', '=', false)
      .where('merged_into', 'is', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('documents').select('documents.id').whereRef('documents.person_id', '=', 'people.id'))))
      .orderBy('id')
      .executeTakeFirstOrThrow();
  });
  after(() => b?.close());

  it('uploads a PDF and a photograph, previews both, adds a new version and refuses a program renamed .pdf', () =>
    b.journey(async (page) => {
      await signIn(page, 'sam.rowe@cairn.example');
      await page.goto(`/people/${child.id}`);
      await follow(page, 'Documents');
      assert.equal(await heading(page), 'Documents');
      assert.match(await mainText(page), /No documents have been added to this record/);
      await expectAccessible(page);

      // A start button: a link styled as a button, named as a button.
      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Add a document' }).click()]);
      assert.equal(await heading(page), 'Add a document');
      await expectAccessible(page);
      await page.getByLabel('Title').fill('Letter from the GP');
      await submit(page, 'Add the document');
      const empty = await problems(page);
      assert.match(empty, /Select the type of document/);
      assert.match(empty, /Select a file/);
      assert.equal(await page.getByLabel('Title').inputValue(), 'Letter from the GP', 'what was typed is kept');
      await expectAccessible(page);

      await page.getByLabel('Letter').check();
      await fillDate(page, 'documentDate', '2026-10-14');
      await page.getByLabel('Upload a file').setInputFiles({ name: 'gp-letter.pdf', mimeType: 'application/pdf', buffer: samplePdf(['Surgery letter', 'Synthetic test document']) });
      await submit(page, 'Add the document');
      assert.equal(await heading(page), 'Letter from the GP');
      assert.match(await mainText(page), /Document added/);
      assert.match(await mainText(page), /Version 1 \(current\) gp-letter\.pdf/);
      await expectAccessible(page);

      const inline = page.waitForResponse((r) => r.url().endsWith('/versions/1/inline'));
      await follow(page, 'Preview version 1');
      const pdf = await inline;
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      assert.equal(await page.locator('iframe.cairn-document-preview').count(), 1);
      await expectAccessible(page);

      // A new version: the corrected letter.
      await follow(page, 'Back to the document');
      await follow(page, 'Upload a new version');
      await expectAccessible(page);
      await page.getByLabel('Upload a file').setInputFiles({ name: 'gp-letter-v2.pdf', mimeType: 'application/pdf', buffer: samplePdf(['Surgery letter, corrected']) });
      await submit(page, 'Upload the new version');
      assert.match(await mainText(page), /New version added/);
      assert.match(await mainText(page), /Version 2 \(current\) gp-letter-v2\.pdf/);
      assert.match(await mainText(page), /Version 1 gp-letter\.pdf/);

      // A photograph, previewed as an image.
      await page.goto(`/people/${child.id}/documents/new`);
      await page.getByLabel('Title').fill('Photograph of the garden');
      await page.getByLabel('Photograph').check();
      await fillDate(page, 'documentDate', '2026-11-02');
      await page.getByLabel('Upload a file').setInputFiles({ name: 'garden.png', mimeType: 'image/png', buffer: samplePng(240, 160, [0, 112, 60]) });
      await submit(page, 'Add the document');
      await follow(page, 'Preview version 1');
      const image = page.locator('img.cairn-document-preview');
      await image.waitFor();
      assert.equal(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), 240, 'the image is shown');
      await expectAccessible(page);

      // A program renamed .pdf is refused; the details are kept, the file must be chosen again.
      await page.goto(`/people/${child.id}/documents/new`);
      await page.getByLabel('Title').fill('Not really a PDF');
      await page.getByLabel('Report').check();
      await fillDate(page, 'documentDate', '2026-11-03');
      await page.getByLabel('Upload a file').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00PE\x00\x00', 'latin1') });
      await submit(page, 'Add the document');
      assert.match(await problems(page), /The selected file must be a PDF, Word document/);
      assert.equal(await page.getByLabel('Title').inputValue(), 'Not really a PDF');
      await expectAccessible(page);

      await page.goto(`/people/${child.id}/documents`);
      const list = await mainText(page);
      assert.match(list, /2 documents/);
      assert.match(list, /version 2 \(earlier versions\)/);
      assert.doesNotMatch(list, /Not really a PDF/);
      await expectAccessible(page);

      const chronology = await b.t.db.selectFrom('chronology').select('summary').where('person_id', '=', child.id).where('entry_type', 'like', 'document.%').orderBy('occurred_at').execute();
      assert.deepEqual(chronology.map((c) => c.summary), ['Document added: Letter', 'New version of a document: Letter', 'Document added: Photograph']);
      const views = await b.t.db.selectFrom('access_audit').select('action').where('person_id', '=', child.id).where('action', '=', 'document.view').execute();
      assert.equal(views.length, 2, 'each preview is audited');
    }));
});
