import { codeItems, idempotencyKeyOf } from '../../platform/http/forms.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { describeAdjustment, DESTINATIONS, STATE_CHOICES } from './settings-labels.ts';
import { type AdjustmentRow, adjustmentOf, MAX_ADJUSTMENTS, type ScenarioInput, scenarioForm } from './settings-schema.ts';
import type { Adjustment } from './types.ts';

/**
 * The scenario form: a name and up to five rows, each a change to the rates chosen with selects and a number (row
 * n's fields are kind<n>, state<n>, destination<n> and amount<n>). Rows left empty are ignored; a row started but
 * not finished is an error on that row.
 */

export const KINDS = {
  entries: 'Entries into a state (%)',
  share: 'Where leavers go (points)',
} as const;

const ROWS = Array.from({ length: MAX_ADJUSTMENTS }, (_, i) => i + 1);
const blankRow = (): AdjustmentRow => ({ kind: '', state: '', destination: '', amount: '' });
const isBlank = (row: AdjustmentRow) => !row.kind && !row.state && !row.destination && !row.amount;

export interface ScenarioValues {
  name: string;
  rows: AdjustmentRow[];
  version: string;
  idempotencyKey: string;
}

/** A saved scenario's rows as the form shows them, padded with empty rows to five. */
export function rowsOf(adjustments: readonly Adjustment[]): AdjustmentRow[] {
  const rows: AdjustmentRow[] = adjustments.map((a) =>
    a.kind === 'entries' ? { kind: 'entries', state: a.to, destination: '', amount: String(a.percent) } : { kind: 'share', state: a.from, destination: a.to, amount: String(a.points) },
  );
  return [...rows, ...ROWS.slice(rows.length).map(blankRow)];
}

export const newScenarioValues = (): ScenarioValues => ({ name: '', rows: rowsOf([]), version: '', idempotencyKey: idempotencyKeyOf() });

/** What was typed, the scenario it makes (null when it has problems) and each problem against its field. */
export function readScenarioForm(body: FormBody): { values: ScenarioValues; input: ScenarioInput | null; errors: FormErrors } {
  const rows = ROWS.map((n) => ({ kind: text(body, `kind${n}`), state: text(body, `state${n}`), destination: text(body, `destination${n}`), amount: text(body, `amount${n}`).trim() }));
  const values = { name: text(body, 'name'), rows, version: text(body, 'version'), idempotencyKey: idempotencyKeyOf(body) };
  const filled = rows.map((row, i) => ({ row, n: i + 1 })).filter(({ row }) => !isBlank(row));
  const parsed = scenarioForm.safeParse({ name: values.name, rows: filled.map(({ row }) => row) });
  if (parsed.success) return { values, input: { name: parsed.data.name, adjustments: parsed.data.rows.map(adjustmentOf) }, errors: noErrors() };
  const errors = noErrors();
  for (const issue of parsed.error.issues) {
    const [top, index, field] = issue.path;
    if (top !== 'rows') addError(errors, 'name', issue.message);
    else if (typeof index !== 'number') addError(errors, 'kind1', issue.message);
    else {
      const n = filled[index]!.n;
      addError(errors, `${typeof field === 'string' ? field : 'kind'}${n}`, `Change ${n}: ${issue.message}`);
    }
  }
  return { values, input: null, errors };
}

/** The selects' choices for each row, keeping what was chosen. */
export const rowChoices = (rows: readonly AdjustmentRow[]) =>
  rows.map((row, i) => ({
    n: i + 1,
    row,
    kinds: codeItems(KINDS, row.kind, { blank: 'No change' }),
    states: codeItems(STATE_CHOICES, row.state, { blank: 'Choose a state' }),
    destinations: codeItems(DESTINATIONS, row.destination, { blank: 'Choose where they go' }),
  }));

/** What was typed, in words, for the page shown when someone else changed the scenario first. */
export function enteredOf(values: ScenarioValues, input: ScenarioInput | null) {
  const changes = input ? input.adjustments.map(describeAdjustment) : [];
  return [{ label: 'Name', value: values.name }, ...changes.map((value, i) => ({ label: `Change ${i + 1}`, value }))];
}
