import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../../platform/access/rules.ts';
import { UUID } from '../../platform/http/params.ts';
import { checkDate, readDateInput } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, fromZodError, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, list, text } from '../../platform/views/form-fields.ts';
import { checkPersonRules, type PersonInput, personFields, toPersonInput } from '../people/schema.ts';
import { HOUSEHOLD_RELATIONSHIPS } from './codes.ts';
import { type ContactDetails, contactDetailsForm, type PickedPerson } from './schema.ts';

/**
 * The contact form's steps keep what was entered in the POST body: who the contact is about travels as hidden
 * `person` fields ("child:<id>", "household:<id>") and relationship selects, never in the URL.
 */
export interface DraftPerson {
  personId: string;
  role: 'child' | 'household';
  relationship: string;
}

export function readDraft(body: FormBody): DraftPerson[] {
  const people: DraftPerson[] = [];
  for (const value of list(body, 'person')) {
    const [role, id] = value.split(':');
    if ((role !== 'child' && role !== 'household') || !id || !UUID.test(id) || people.some((p) => p.personId === id)) continue;
    people.push({ personId: id.toLowerCase(), role, relationship: role === 'household' ? text(body, `relationship-${id}`) : '' });
  }
  return people;
}

/** The people step is complete when there is a child and every household member has a relationship. */
export function checkDraft(people: DraftPerson[]): { errors: FormErrors; picked: PickedPerson[] | null } {
  const errors = noErrors();
  if (!people.some((p) => p.role === 'child')) addError(errors, 'searchName', 'Add at least one child the concern is about');
  for (const p of people) {
    if (p.role === 'household' && !(p.relationship in HOUSEHOLD_RELATIONSHIPS)) addError(errors, `relationship-${p.personId}`, 'Select how this person is related to the children');
  }
  if (errors.summary.length) return { errors, picked: null };
  return {
    errors,
    picked: people.map((p) => ({ personId: p.personId, role: p.role, relationship: p.role === 'household' ? (p.relationship as PickedPerson['relationship']) : null })),
  };
}

export const idempotencyKeyOf = (body: FormBody, name = 'idempotencyKey') => {
  const key = text(body, name);
  return UUID.test(key) ? key : randomUUID();
};

const NEW_FIELDS: Record<string, string> = {
  personType: 'newPersonType',
  givenName: 'newGivenName',
  familyName: 'newFamilyName',
  dateOfBirth: 'newDateOfBirth-day',
  expectedDateOfDelivery: 'newExpectedDateOfDelivery-day',
  sex: 'newSex',
};

/** The "add someone new" part of the people step, checked by the person index's own rules. */
export function readNewPerson(body: FormBody): { values: Record<string, unknown>; errors: FormErrors; input: PersonInput | null; role: 'child' | 'household' | null; relationship: string } {
  const values = {
    newPersonType: text(body, 'newPersonType'),
    newGivenName: text(body, 'newGivenName'),
    newFamilyName: text(body, 'newFamilyName'),
    newDateOfBirth: readDateInput(body, 'newDateOfBirth'),
    newExpectedDateOfDelivery: readDateInput(body, 'newExpectedDateOfDelivery'),
    newSex: text(body, 'newSex'),
    newRole: text(body, 'newRole'),
    newRelationship: text(body, 'newRelationship'),
    newPersonKey: idempotencyKeyOf(body, 'newPersonKey'),
    confirmDifferent: text(body, 'confirmDifferent'),
  };
  const errors = noErrors();
  const dob = checkDate(values.newDateOfBirth, 'Date of birth');
  const edd = checkDate(values.newExpectedDateOfDelivery, 'Expected date of delivery');
  if ('error' in dob) addError(errors, 'newDateOfBirth-day', dob.error);
  if ('error' in edd) addError(errors, 'newExpectedDateOfDelivery-day', edd.error);
  const parsed = personFields.superRefine((p, ctx) => checkPersonRules(p, ctx)).safeParse({
    personType: values.newPersonType || undefined,
    givenName: values.newGivenName,
    familyName: values.newFamilyName,
    dateOfBirth: 'value' in dob ? dob.value : null,
    expectedDateOfDelivery: 'value' in edd ? edd.value : null,
    sex: values.newSex || undefined,
    disabilities: [],
  });
  if (!parsed.success) for (const e of renamed(parsed.error)) addError(errors, e.field, e.text);
  const role = values.newRole === 'child' || values.newRole === 'household' ? values.newRole : null;
  if (!role) addError(errors, 'newRole', 'Select whether this is a child the concern is about or a household member');
  else if (role === 'child' && values.newPersonType === 'adult') addError(errors, 'newRole', 'An adult can only be added as a household member');
  else if (role === 'household' && !(values.newRelationship in HOUSEHOLD_RELATIONSHIPS)) addError(errors, 'newRelationship', 'Select how this person is related to the children');
  const input = parsed.success && !errors.summary.length ? toPersonInput(parsed.data) : null;
  return { values, errors, input, role, relationship: values.newRelationship };
}

function renamed(error: z.ZodError) {
  return fromZodError(error).summary.map((s) => ({ field: NEW_FIELDS[s.href.slice(1)] ?? 'newGivenName', text: s.text }));
}

const DETAIL_ORDER = ['source', 'referrerName', 'referrerRole', 'referrerPhone', 'referrerEmail', 'reason', 'presentingNeeds', 'consent', 'consentOverrideReason', 'urgency'];

/** The details step: what the contact says. */
export function readDetails(body: FormBody): { values: Record<string, unknown>; errors: FormErrors; details: ContactDetails | null } {
  const values = {
    source: text(body, 'source'),
    referrerName: text(body, 'referrerName'),
    referrerRole: text(body, 'referrerRole'),
    referrerPhone: text(body, 'referrerPhone'),
    referrerEmail: text(body, 'referrerEmail'),
    reason: text(body, 'reason'),
    presentingNeeds: list(body, 'presentingNeeds'),
    consent: text(body, 'consent'),
    consentOverrideReason: text(body, 'consentOverrideReason'),
    urgency: text(body, 'urgency'),
  };
  const parsed = contactDetailsForm.safeParse({ ...values, source: values.source || undefined, consent: values.consent || undefined, urgency: values.urgency || undefined });
  if (parsed.success) return { values, errors: noErrors(), details: parsed.data };
  const errors = fromZodError(parsed.error);
  // The consent rule joins two fields, so Zod only checks it once the rest is valid: say it now too.
  if (values.consent === 'overridden' && !values.consentOverrideReason.trim()) addError(errors, 'consentOverrideReason', 'Enter why consent was overridden for the child’s safety');
  for (const s of errors.summary) if (s.href.startsWith('#presentingNeeds')) s.href = '#presentingNeeds';
  const rank = (href: string) => DETAIL_ORDER.indexOf(href.slice(1).split('.')[0]!);
  errors.summary.sort((a, b) => rank(a.href) - rank(b.href));
  const fields: FormErrors['fields'] = {};
  for (const [k, v] of Object.entries(errors.fields)) fields[k.split('.')[0]!] ??= v;
  return { values, errors: { summary: errors.summary.map((s) => ({ ...s, href: `#${s.href.slice(1).split('.')[0]}` })), fields }, details: null };
}

/** Who the user is decides the starting point: a partner is usually the referrer, and their agency the source. */
export function detailDefaults(user: Actor & { name: string; email: string; agencyName: string }): Record<string, unknown> {
  const source: Record<string, string> = { education: 'school', police: 'police', health: 'health', voluntary: 'voluntary', housing: 'housing', early_help: 'other' };
  if (user.agencyKind === 'social_care') return { presentingNeeds: [] };
  return { source: source[user.agencyKind] ?? 'other', referrerName: user.name, referrerRole: user.agencyName, referrerEmail: user.email, presentingNeeds: [] };
}
