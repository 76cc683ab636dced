/** A submitted page form: every field as text, or a list of text for checkboxes and repeated names. */
export type FormBody = Record<string, unknown>;

/** One field as text; a field sent twice counts as its first value, anything else as empty. */
export function text(body: unknown, name: string): string {
  const value = (body as FormBody | undefined)?.[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return typeof value === 'string' ? value : '';
}

/** A checkbox group's values, whether none, one or several were ticked. */
export function list(body: unknown, name: string): string[] {
  const value = (body as FormBody | undefined)?.[name];
  const values = Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string');
}
