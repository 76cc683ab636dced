import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { htmlToPdf } from '../../platform/pdf/print.ts';
import { createViewEnvironment } from '../../platform/views/render.ts';
import type { Branding } from './branding.ts';
import type { LetterType } from './model.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** The stylesheet the review page links and the PDF inlines: one file, so the review shows what will print. */
const LETTER_CSS = readFileSync(join(here, '..', '..', 'platform', 'views', 'public', 'letter.css'), 'utf8');
const env = createViewEnvironment();

interface Common {
  branding: Branding;
  letterDate: string;
  recipient: { name: string; addressLines: string[] };
  child: { givenName: string; fullName: string };
  signatory: { name: string; title: string };
  note: string | null;
}
export type LetterContext =
  | (Common & { type: 'conference-invitation'; conference: { kind: string; date: string; time: string; place: string } })
  | (Common & { type: 'family-plan'; plan: { startDate: string; worries: string[]; moreWorries: string | null; changes: string; tasks: string; coreGroupDates: string[]; reviewDate: string | null } })
  | (Common & { type: 'contact-outcome'; contact: { receivedDate: string; decided: string[]; next: string[] } });

const templateOf = (type: LetterType) => `domains/letters/templates/${type}.njk`;

/** The letter as HTML (an <article>), escaped throughout; `preview` frames it as a page on screen. */
export const renderLetter = (letter: LetterContext, options: { preview?: boolean } = {}): string =>
  env.render(templateOf(letter.type), { ...letter, preview: options.preview ?? false });

/** A whole HTML document for printing: the letter with its stylesheet inline (printing fetches nothing). */
export function letterDocument(letter: LetterContext): string {
  const title = letter.child.fullName.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Letter about ${title}</title><style>${LETTER_CSS}</style></head><body>${renderLetter(letter)}</body></html>`;
}

/** The letter printed to an A4 PDF by headless Chromium, offline. */
export const letterPdf = (letter: LetterContext, chromiumPath: string): Promise<Buffer> => htmlToPdf(letterDocument(letter), { executablePath: chromiumPath, header: 'OFFICIAL-SENSITIVE' });
