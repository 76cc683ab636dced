import type { z } from 'zod';

export interface FormErrors {
  /** For govukErrorSummary's errorList. */
  summary: { text: string; href: string }[];
  /** For each component's errorMessage, by field name. */
  fields: Record<string, { text: string }>;
}

export const noErrors = (): FormErrors => ({ summary: [], fields: {} });

/** Adds one error, keeping the first message per field (GOV.UK: one message a field). */
export function addError(errors: FormErrors, field: string, text: string): FormErrors {
  if (!errors.fields[field]) {
    errors.fields[field] = { text };
    errors.summary.push({ text, href: `#${field}` });
  }
  return errors;
}

export function fromZodError(error: z.ZodError): FormErrors {
  const errors = noErrors();
  for (const issue of error.issues) addError(errors, issue.path.join('.') || 'form', issue.message);
  return errors;
}
