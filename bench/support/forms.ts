/**
 * What a browser would send back from a page's form: the fields as the page rendered them (hidden, text, the checked
 * radios and boxes, the selected option, textareas), so a benchmark submits the form it was given, version and
 * CSRF token included, rather than a body it made up.
 */

const decode = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39|#x27|#x2F);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", '#x2F': '/' })[e]!);

function attributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*"([^"]*)")?/g)) attrs.set(m[1]!.toLowerCase(), decode(m[2] ?? ''));
  return attrs;
}

/** The fields of the form posting to `action`, as ordered name–value pairs (a name repeats for several boxes). */
export function formFields(html: string, action: string): [string, string][] {
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)];
  const form = forms.find((f) => attributes(f[1]!).get('action') === action);
  if (!form) throw new Error(`The page has no form posting to ${action}`);
  const body = form[2]!;
  const fields: [string, string][] = [];
  for (const m of body.matchAll(/<input\b([^>]*)>|<select\b([^>]*)>([\s\S]*?)<\/select>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    if (m[1] !== undefined) {
      const a = attributes(m[1]);
      const name = a.get('name');
      const type = (a.get('type') ?? 'text').toLowerCase();
      if (!name || type === 'submit' || type === 'button') continue;
      if ((type === 'radio' || type === 'checkbox') && !a.has('checked')) continue;
      fields.push([name, a.get('value') ?? (type === 'checkbox' ? 'on' : '')]);
    } else if (m[2] !== undefined) {
      const name = attributes(m[2]).get('name');
      if (!name) continue;
      const options = [...m[3]!.matchAll(/<option\b([^>]*)>/g)].map((o) => attributes(o[1]!));
      const chosen = options.find((o) => o.has('selected')) ?? options[0];
      if (chosen) fields.push([name, chosen.get('value') ?? '']);
    } else if (m[4] !== undefined) {
      const name = attributes(m[4]).get('name');
      if (name) fields.push([name, decode(m[5]!.replace(/^\n/, ''))]);
    }
  }
  return fields;
}

/** The fields with some replaced (every value of a replaced name goes) and the rest kept in order. */
export function withFields(fields: [string, string][], changes: Record<string, string>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of fields) if (!(name in changes)) body.append(name, value);
  for (const [name, value] of Object.entries(changes)) body.append(name, value);
  return body;
}

