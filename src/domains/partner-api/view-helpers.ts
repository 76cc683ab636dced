import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { FormErrors } from '../../platform/views/form-errors.ts';

export const SECTION = 'partner-systems';
export const view = (name: string) => `domains/partner-api/views/${name}.njk`;

export const STATUS_TAGS = {
  active: { text: 'Active', classes: 'govuk-tag--green' },
  expired: { text: 'Expired', classes: 'govuk-tag--grey' },
  revoked: { text: 'Revoked', classes: 'govuk-tag--red' },
  on: { text: 'On', classes: 'govuk-tag--green' },
  off: { text: 'Turned off', classes: 'govuk-tag--grey' },
  pending: { text: 'Waiting', classes: 'govuk-tag--blue' },
  delivered: { text: 'Delivered', classes: 'govuk-tag--green' },
  failed: { text: 'Failed', classes: 'govuk-tag--red' },
} as const;

/** Every agency as a GOV.UK select's items, keeping the one chosen: a token or webhook belongs to one. */
export async function agencyItems(db: Kysely<Database>, chosen: string | undefined) {
  const agencies = await db.selectFrom('agencies').select(['id', 'name']).orderBy('name').execute();
  return [{ value: '', text: 'Select an agency', selected: !chosen }, ...agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === chosen }))];
}

/** The chosen values of a checkbox group as GOV.UK items, each with its hint. */
export const checkboxItems = (options: [value: string, text: string, hint: string][], chosen: unknown) =>
  options.map(([value, text, hint]) => ({ value, text, hint: { text: hint }, checked: ((chosen as string[] | undefined) ?? []).includes(value) }));

/** A token's or webhook's form: 400 with its errors when it has them, the agency select filled, `extra` for the rest. */
export async function agencyFormPage(reply: FastifyReply, template: string, title: string, values: Record<string, unknown>, errors: FormErrors, extra: Record<string, unknown>) {
  const agencies = await agencyItems(reply.request.ctx().db, values.agencyId as string);
  return reply.status(errors.summary.length ? 400 : 200).page(view(template), { title, section: SECTION, values, errors, agencies, ...extra });
}
