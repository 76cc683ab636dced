import { z } from 'zod';

/** A required free-text field: trimmed, not empty, not too long, with GOV.UK-style messages. */
export const requiredText = (label: string, max: number, missing = `Enter the ${label.toLowerCase()}`) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, `${label} must be ${max} characters or fewer`);

/** An optional free-text field: trimmed, and null when left empty. */
export const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .nullish()
    .transform((v) => v || null);
