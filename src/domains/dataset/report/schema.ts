import { z } from 'zod';

/** The board's commentary on one section: plain text, shown as paragraphs (a blank line between them). */
export const MAX_COMMENTARY = 10_000;

export const commentaryForm = z.object({
  // Line endings as typed in any browser; control characters other than new lines and tabs are never wanted.
  body: z
    .string()
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(MAX_COMMENTARY, `The commentary must be ${MAX_COMMENTARY.toLocaleString('en-GB')} characters or fewer`)
        .refine((s) => ![...s].some((c) => { const code = c.charCodeAt(0); return (code < 32 && c !== '\n' && c !== '\t') || code === 127; }), 'The commentary must be plain text (remove any control characters)'),
    ),
  version: z.string().regex(/^\d{1,9}$/, 'Open the commentary again from the report').transform(Number),
});

/** A year in the path: four digits within the years a report can be for; anything else is not found. */
export const yearParam = z.string().regex(/^\d{4}$/).transform(Number);
