import { z } from 'zod';
import { normalisePostcode } from '../people/identifiers.ts';
import { LOCALITY_KEYS } from '../people/localities.ts';
import { optionalText, requiredText } from '../../platform/views/text-fields.ts';
import { PLACE_KINDS, RECORDABLE_INCIDENT_KINDS, INFORMATION_SOURCES } from './places-labels.ts';
import type { InformationSource, PlaceKind } from './tables.ts';

const keys = <T extends Record<string, string>>(set: T) => Object.keys(set) as [keyof T & string, ...(keyof T & string)[]];
const version = z.coerce.number({ error: 'The form is missing its version. Reload the page and try again.' }).int().positive();
/** An empty choice is no choice. */
const blankToNull = (v: unknown) => (v === '' || v === undefined ? null : v);

export const placeFields = z.object({
  name: requiredText('The name of the place', 120, 'Enter the name of the place'),
  kind: z.enum(keys(PLACE_KINDS) as [PlaceKind, ...PlaceKind[]], { error: 'Select what kind of place it is' }),
  locality: z.preprocess(blankToNull, z.enum(LOCALITY_KEYS, { error: 'Select a locality from the list' }).nullable()),
  postcode: z.preprocess(
    blankToNull,
    z.string().trim().max(10, 'Enter a real postcode, like PE1 1AA').nullable()
      .refine((v) => v === null || normalisePostcode(v) !== null, 'Enter a real postcode, like PE1 1AA')
      .transform((v) => (v === null ? null : normalisePostcode(v))),
  ),
  description: optionalText('The description', 4000).transform((v) => v ?? ''),
});
export type PlaceInput = z.infer<typeof placeFields>;

export const placeEditFields = placeFields.extend({
  closedOn: z.iso.date({ error: 'Enter a real date' }).nullish().transform((v) => v ?? null),
  version,
});
export type PlaceEditInput = z.infer<typeof placeEditFields>;

export const incidentFields = z.object({
  kind: z.enum(keys(RECORDABLE_INCIDENT_KINDS), { error: 'Select what kind of information it is' }),
  occurredAt: z.date({ error: 'Enter when it happened' }),
  source: z.enum(keys(INFORMATION_SOURCES) as [InformationSource, ...InformationSource[]], { error: 'Select where the information came from' }),
  summary: requiredText('What happened', 4000, 'Enter what was seen or what happened'),
});
export type IncidentInput = z.infer<typeof incidentFields>;

/** The list's search comes from a GET form: anything unknown is ignored rather than refused. */
export const placeSearchFields = z.object({
  name: z.string().trim().max(120).catch('').transform((v) => v || null),
  kind: z.enum(keys(PLACE_KINDS) as [PlaceKind, ...PlaceKind[]]).nullable().catch(null),
  locality: z.enum(LOCALITY_KEYS).nullable().catch(null),
  closed: z.literal('yes').nullable().catch(null),
});
export type PlaceSearchInput = z.infer<typeof placeSearchFields>;
