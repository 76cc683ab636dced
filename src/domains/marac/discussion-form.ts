import { dateField, zodErrors } from '../../platform/http/forms.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { actionFields, type DiscussionInput, discussionFields } from './schema.ts';

/** How many action rows the discussion form offers; blank rows are left out. */
export const ACTION_ROWS = 5;

export const discussionDefaults = (version: number): Record<string, unknown> => ({ version, actions: Array.from({ length: ACTION_ROWS }, () => ({ due: {} })) });

/**
 * One case's discussion at a meeting: what was shared, the actions agreed (what, which agency, who, by when) and
 * whether the case closes or carries forward. A half-filled action row is an error on its empty box.
 */
export function readDiscussion(body: FormBody): { values: Record<string, unknown>; errors: FormErrors; input: DiscussionInput | null } {
  const errors = noErrors();
  const rows = Array.from({ length: ACTION_ROWS }, (_, i) => ({ what: text(body, `actionWhat${i}`), agency: text(body, `actionAgency${i}`), owner: text(body, `actionOwner${i}`), due: dateField(body, `actionDue${i}`, 'The date the action is due', errors) }));
  const actions: DiscussionInput['actions'] = [];
  rows.forEach((a, i) => {
    const dueTyped = Object.values(a.due.input).some((v) => String(v ?? '').trim());
    if (!a.what.trim() && !a.agency && !a.owner.trim() && !dueTyped) return;
    const parsed = actionFields.safeParse({ what: a.what, agency: a.agency, owner: a.owner, dueOn: a.due.value ?? '' });
    if (parsed.success) actions.push(parsed.data);
    else
      for (const issue of parsed.error.issues) {
        const name = String(issue.path[0]);
        const field = name === 'dueOn' ? `actionDue${i}-day` : `action${name[0]!.toUpperCase()}${name.slice(1)}${i}`;
        if (!errors.fields[field]) addError(errors, field, issue.message);
      }
  });
  const values = { summary: text(body, 'summary'), outcome: text(body, 'outcome'), version: text(body, 'version'), actions: rows.map((a) => ({ what: a.what, agency: a.agency, owner: a.owner, due: a.due.input })) };
  const parsed = discussionFields.safeParse({ summary: values.summary, outcome: values.outcome, actions, version: values.version });
  zodErrors(parsed.success ? null : parsed.error, errors);
  return { values, errors, input: parsed.success && !errors.summary.length ? parsed.data : null };
}
