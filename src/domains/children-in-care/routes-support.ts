import type { FastifyRequest } from 'fastify';
import type { CodeSet } from '../../platform/codes/cin.ts';
import { uuidParam } from '../../platform/http/params.ts';
import type { Refusal } from '../../platform/http/forms.ts';
import { addError, type FormErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { periodHref, SECTION } from './labels.ts';
import type { Problem } from './rules-903.ts';

/** What the care pages share: ids from paths, code lists for selects, problems on fields, refusal pages. */

export const periodIdOf = (request: FastifyRequest) => uuidParam(request.params);
export const personIdOf = (request: FastifyRequest) => uuidParam(request.params);

/** Items for a GOV.UK select or radios from a code set, the chosen one selected; `blank` adds an empty first item. */
export function options(set: CodeSet, chosen: string | null | undefined, blank?: string) {
  const items = Object.entries(set).map(([value, label]) => ({ value, text: `${label} (${value})`, selected: chosen === value, checked: chosen === value }));
  return blank !== undefined ? [{ value: '', text: blank, selected: !chosen, checked: false }, ...items] : items;
}

/** Adds the service's problems to the form's errors; a date field's problem links to its day box. */
export function addProblems(errors: FormErrors, problems: readonly Problem[], dateFields: readonly string[] = []): FormErrors {
  for (const p of problems) addError(errors, dateFields.includes(p.field) ? `${p.field}-day` : p.field, p.message);
  return errors;
}

/** The placement fields as typed, kept when the form is shown again. */
export const placementValues = (body: unknown) => ({
  legalStatus: text(body, 'legalStatus'),
  placementType: text(body, 'placementType'),
  placementProvider: text(body, 'placementProvider'),
  carerName: text(body, 'carerName'),
  urn: text(body, 'urn'),
  placementPostcode: text(body, 'placementPostcode'),
  homePostcode: text(body, 'homePostcode'),
});

/** A refused change (someone else changed the period, or its state does not allow it) leads back to the period. */
export const backToPeriod = (periodId: string, entered: Refusal['entered'] = []): Refusal => ({ backHref: periodHref(periodId), backText: 'Go back to the period of care', section: SECTION, entered });
