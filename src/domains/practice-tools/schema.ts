import { z } from 'zod';
import type { FormBody } from '../../platform/views/form-fields.ts';
import { text } from '../../platform/views/form-fields.ts';
import type { ContextType, Direction, ScaleLabel, ScoringRule } from './tables.ts';

/** Band rows on the tool form: enough for any sensible tool; blank rows are left out. */
export const BAND_SLOTS = [1, 2, 3, 4, 5, 6];

const required = (message: string, max = 200) => z.string().trim().min(1, message).max(max, `Keep it to ${max} characters or fewer`);
const wholeNumber = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${label}`)
    .regex(/^-?\d{1,3}$/, `The ${label} must be a whole number, like 1 or 10`)
    .transform(Number);
const score = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter where ${label}`)
    .regex(/^-?\d{1,4}(\.\d{1,2})?$/, `Where ${label} must be a number with at most two decimal places, like 2.5`)
    .transform(Number);

export interface ToolDefinition {
  name: string;
  description: string;
  scaleMin: number;
  scaleMax: number;
  scaleLabels: ScaleLabel[];
  domainRule: ScoringRule;
  overallRule: ScoringRule;
  direction: Direction;
  domains: { name: string; items: string[] }[];
  bands: { min: number; max: number; label: string }[];
}

const toolBase = z.object({
  name: required('Enter the tool’s name', 120),
  description: required('Say what the tool is for', 1000),
  scaleMin: wholeNumber('lowest score'),
  scaleMax: wholeNumber('highest score'),
  scaleLabels: z.string().max(4000, 'Keep the labels to 4000 characters or fewer'),
  domainRule: z.enum(['sum', 'mean'], { message: 'Choose how a domain’s items are combined' }),
  overallRule: z.enum(['sum', 'mean'], { message: 'Choose how the domains are combined into the overall score' }),
  direction: z.enum(['higher_better', 'lower_better'], { message: 'Choose whether a higher score is better or worse' }),
  domains: z.string().trim().min(1, 'Enter at least one domain').max(8000, 'Keep the domains to 8000 characters or fewer'),
  version: z.string().optional(),
});

/** The raw fields of the tool form, as typed (shown again with errors). */
export function toolFormValues(b: FormBody): Record<string, string> {
  const fields = ['name', 'description', 'scaleMin', 'scaleMax', 'scaleLabels', 'domainRule', 'overallRule', 'direction', 'domains', 'version', 'idempotencyKey'];
  const bands = BAND_SLOTS.flatMap((i) => [`band${i}Label`, `band${i}Min`, `band${i}Max`]);
  return Object.fromEntries([...fields, ...bands].map((f) => [f, text(b, f)]));
}

/**
 * Reads the tool form into a definition, or the problems by field. Domains are one a line; a line starting with a
 * dash is an item of the domain above it (a domain with no items is scored itself). Scale labels are "value: label"
 * lines; bands are rows of lowest score, highest score and label.
 */
export function parseToolForm(values: Record<string, string>): { definition: ToolDefinition | null; problems: { field: string; message: string }[] } {
  const problems: { field: string; message: string }[] = [];
  const base = toolBase.safeParse(values);
  if (!base.success) for (const issue of base.error.issues) problems.push({ field: String(issue.path[0]), message: issue.message });
  const data = base.success ? base.data : null;
  if (data && data.scaleMin >= data.scaleMax) problems.push({ field: 'scaleMax', message: 'The highest score must be more than the lowest' });
  if (data && data.scaleMax - data.scaleMin > 20) problems.push({ field: 'scaleMax', message: 'A scale can have at most 21 points' });

  const domains: ToolDefinition['domains'] = [];
  for (const raw of (values.domains ?? '').split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const item = /^[-–•*]\s*(.*)$/.exec(line);
    if (item) {
      if (!domains.length) problems.push({ field: 'domains', message: 'Start with a domain before its items (items start with a dash)' });
      else if (item[1]) domains.at(-1)!.items.push(item[1].slice(0, 200));
    } else domains.push({ name: line.slice(0, 120), items: [] });
  }
  if (domains.length > 20) problems.push({ field: 'domains', message: 'A tool can have at most 20 domains' });
  if (domains.some((d) => d.items.length > 20)) problems.push({ field: 'domains', message: 'A domain can have at most 20 items' });
  if (new Set(domains.map((d) => d.name.toLowerCase())).size !== domains.length) problems.push({ field: 'domains', message: 'Give each domain a different name' });

  const scaleLabels: ScaleLabel[] = [];
  for (const raw of (values.scaleLabels ?? '').split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(-?\d{1,3})\s*[:=–-]\s*(.+)$/.exec(line);
    if (!m) {
      problems.push({ field: 'scaleLabels', message: 'Write each label as the score, a colon and the words, like “1: Needs fully met”' });
      break;
    }
    const value = Number(m[1]);
    if (data && (value < data.scaleMin || value > data.scaleMax)) {
      problems.push({ field: 'scaleLabels', message: `Label only scores on the scale, ${data.scaleMin} to ${data.scaleMax}` });
      break;
    }
    if (scaleLabels.some((l) => l.value === value)) {
      problems.push({ field: 'scaleLabels', message: `The score ${value} has more than one label` });
      break;
    }
    scaleLabels.push({ value, label: m[2]!.trim().slice(0, 200) });
  }

  const bands: ToolDefinition['bands'] = [];
  for (const i of BAND_SLOTS) {
    const [label, min, max] = [values[`band${i}Label`] ?? '', values[`band${i}Min`] ?? '', values[`band${i}Max`] ?? ''].map((v) => v.trim());
    if (!label && !min && !max) continue;
    const row = z.object({ label: required(`Enter a label for band ${i}`, 80), min: score(`band ${i} starts`), max: score(`band ${i} ends`) }).safeParse({ label, min, max });
    if (!row.success) {
      for (const issue of row.error.issues) problems.push({ field: `band${i}${issue.path[0] === 'label' ? 'Label' : issue.path[0] === 'min' ? 'Min' : 'Max'}`, message: issue.message });
    } else bands.push(row.data);
  }
  if (!bands.length && !problems.some((p) => p.field.startsWith('band'))) problems.push({ field: 'band1Label', message: 'Enter at least one band' });

  if (!data || problems.length) return { definition: null, problems };
  return {
    definition: { name: data.name, description: data.description, scaleMin: data.scaleMin, scaleMax: data.scaleMax, scaleLabels: scaleLabels.sort((a, b) => a.value - b.value), domainRule: data.domainRule, overallRule: data.overallRule, direction: data.direction, domains, bands },
    problems,
  };
}

/** A context as one form value ("cp_plan:<id>"), or none. */
export const contextValue = z
  .string()
  .trim()
  .regex(/^((early_help|panel_referral|cp_plan):[0-9a-f-]{36})?$/i, 'Choose what this scoring was done for from the list')
  .transform((v) => (v ? { type: v.split(':')[0] as ContextType, id: v.slice(v.indexOf(':') + 1).toLowerCase() } : null));

export const scoringBase = z.object({
  scoredOn: z.string().min(1, 'Enter the date the tool was scored'),
  context: contextValue,
});

export type ScoringInput = {
  scoredOn: string;
  context: { type: ContextType; id: string } | null;
  /** Raw scores by item id (or domain id for a domain without items). */
  scores: Map<string, number>;
  notes: Map<string, string>;
};
