import { randomUUID } from 'node:crypto';
import type { Person } from '../../db/types.ts';
import { addError, type FormErrors, fromZodError, noErrors } from '../../platform/views/form-errors.ts';
import { formatDate } from '../../platform/views/format.ts';
import { DISABILITY, ETHNICITY, PERSON_TYPE, SEX } from './codes.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { type FormBody, list, text } from '../../platform/views/form-fields.ts';
import { dateFromParts, formErrors, orderErrors } from './form.ts';
import { formatNhsNumber } from './identifiers.ts';
import { FIELD_LABELS, type PersonDto } from './service.ts';
import { addressFields, type AddressInput, checkPersonRules, type PersonInput, personFields, toAddressInput, toPersonInput } from './schema.ts';

const personForm = personFields.superRefine((p, ctx) => checkPersonRules(p, ctx));

const FIELD_ORDER = [
  'personType',
  'givenName',
  'familyName',
  'dateOfBirth',
  'expectedDateOfDelivery',
  'sex',
  'gender',
  'ethnicity',
  'nhsNumber',
  'upn',
  'language',
  'disabilities',
  'addressLine1',
  'addressLine2',
  'addressTown',
  'addressPostcode',
  'addressStartDate',
  'confirmDifferent',
];

const PERSON_TEXT = ['personType', 'givenName', 'familyName', 'sex', 'gender', 'ethnicity', 'nhsNumber', 'upn', 'language'] as const;
const ADDRESS_TEXT = ['addressLine1', 'addressLine2', 'addressTown', 'addressPostcode'] as const;
const DATES = ['dateOfBirth', 'expectedDateOfDelivery', 'addressStartDate'] as const;

/** What the form shows again: exactly what was typed, including invalid dates. */
export function formValues(body: FormBody) {
  const values: Record<string, unknown> = {};
  for (const k of [...PERSON_TEXT, ...ADDRESS_TEXT, 'idempotencyKey', 'version', 'confirmDifferent']) values[k] = text(body, k);
  for (const d of DATES) values[d] = { day: text(body, `${d}-day`), month: text(body, `${d}-month`), year: text(body, `${d}-year`) };
  values.disabilities = list(body, 'disabilities');
  return values;
}

export function valuesFromPerson(p: Person) {
  return {
    personType: p.person_type,
    givenName: p.given_name,
    familyName: p.family_name,
    dateOfBirth: dateParts(p.date_of_birth),
    expectedDateOfDelivery: dateParts(p.expected_date_of_delivery),
    sex: p.sex ?? '',
    gender: p.gender ?? '',
    ethnicity: p.ethnicity ?? '',
    nhsNumber: p.nhs_number ? formatNhsNumber(p.nhs_number) : '',
    upn: p.upn ?? '',
    language: p.language ?? '',
    disabilities: p.disabilities,
    version: String(p.version),
  };
}

export const newFormValues = () => ({ idempotencyKey: randomUUID(), disabilities: [] as string[] });

export interface ParsedPersonForm {
  values: Record<string, unknown>;
  errors: FormErrors;
  input: PersonInput | null;
  address: AddressInput | null;
}

/** Reads the create or edit form; the address part only when `withAddress` and something was typed in it. */
export function parsePersonForm(body: FormBody, options: { withAddress: boolean }): ParsedPersonForm {
  const values = formValues(body);
  const extra = noErrors();
  const dob = dateFromParts(body, 'dateOfBirth', 'Date of birth');
  const edd = dateFromParts(body, 'expectedDateOfDelivery', 'Expected date of delivery');
  if (dob.error) addError(extra, 'dateOfBirth', dob.error);
  if (edd.error) addError(extra, 'expectedDateOfDelivery', edd.error);
  const parsed = personForm.safeParse({
    personType: text(body, 'personType') || undefined,
    givenName: text(body, 'givenName'),
    familyName: text(body, 'familyName'),
    dateOfBirth: dob.value,
    expectedDateOfDelivery: edd.value,
    sex: text(body, 'sex') || undefined,
    gender: text(body, 'gender'),
    ethnicity: text(body, 'ethnicity') || null,
    nhsNumber: text(body, 'nhsNumber'),
    upn: text(body, 'upn'),
    language: text(body, 'language'),
    disabilities: list(body, 'disabilities'),
  });
  let errors = formErrors(parsed.success ? null : parsed.error, extra);

  let address: AddressInput | null = null;
  const typedAddress = ADDRESS_TEXT.some((k) => text(body, k).trim() !== '') || DATES.slice(2).some((d) => ['day', 'month', 'year'].some((p) => text(body, `${d}-${p}`).trim()));
  if (options.withAddress && typedAddress) {
    const start = dateFromParts(body, 'addressStartDate', 'The date they moved in');
    const addressErrors = noErrors();
    if (start.error) addError(addressErrors, 'addressStartDate', start.error);
    else if (!start.value) addError(addressErrors, 'addressStartDate', 'Enter the date they started living at this address');
    const parsedAddress = addressFields.safeParse({
      line1: text(body, 'addressLine1'),
      line2: text(body, 'addressLine2'),
      town: text(body, 'addressTown'),
      postcode: text(body, 'addressPostcode'),
      startDate: start.value ?? '2000-01-01',
    });
    const more = formErrors(parsedAddress.success ? null : parsedAddress.error, addressErrors, {
      line1: 'addressLine1',
      line2: 'addressLine2',
      town: 'addressTown',
      postcode: 'addressPostcode',
      startDate: 'addressStartDate',
    });
    for (const [f, e] of Object.entries(more.fields)) addError(errors, f, e.text);
    errors = formErrors(null, errors);
    if (parsedAddress.success && !more.summary.length) address = toAddressInput(parsedAddress.data);
  }
  orderErrors(errors, FIELD_ORDER);
  return { values, errors, input: parsed.success && !errors.summary.length ? toPersonInput(parsed.data) : null, address };
}

const options = (set: Record<string, string>) => Object.entries(set).map(([value, text]) => ({ value, text }));

/** The lists the person form offers. */
export const personFormChoices = {
  personTypes: options(PERSON_TYPE),
  sexes: options(SEX),
  ethnicities: options(ETHNICITY),
  disabilities: options(DISABILITY),
};

const shown: { [K in keyof PersonInput]: (v: PersonInput[K]) => string } = {
  personType: (v) => PERSON_TYPE[v] ?? v,
  givenName: (v) => v,
  familyName: (v) => v,
  dateOfBirth: (v) => formatDate(v),
  expectedDateOfDelivery: (v) => formatDate(v),
  sex: (v) => SEX[v] ?? v,
  gender: (v) => v ?? '',
  ethnicity: (v) => (v ? (ETHNICITY[v] ?? v) : ''),
  nhsNumber: (v) => (v ? formatNhsNumber(v) : ''),
  upn: (v) => v ?? '',
  language: (v) => v ?? '',
  disabilities: (v) => v.map((d) => DISABILITY[d] ?? d).join(', '),
};

/** Your edit beside the version now saved, field by field, for the "changed by someone else" page. */
export function conflictRows(yours: PersonInput, current: PersonDto) {
  const saved: PersonInput = {
    personType: current.personType,
    givenName: current.givenName,
    familyName: current.familyName,
    dateOfBirth: current.dateOfBirth,
    expectedDateOfDelivery: current.expectedDateOfDelivery,
    sex: current.sex ?? 'U',
    gender: current.gender,
    ethnicity: current.ethnicity,
    nhsNumber: current.nhsNumber,
    upn: current.upn,
    language: current.language,
    disabilities: current.disabilities,
  };
  return (Object.keys(FIELD_LABELS) as (keyof PersonInput)[]).map((k) => {
    const format = shown[k] as (v: unknown) => string;
    const mine = format(yours[k]);
    const theirs = format(saved[k]);
    return { label: FIELD_LABELS[k], yours: mine, saved: theirs, differs: mine !== theirs };
  });
}

const NEW_PERSON_FIELDS: Record<string, string> = { givenName: 'newGivenName', familyName: 'newFamilyName', dateOfBirth: 'newDateOfBirth-day', sex: 'newSex' };

/**
 * The "add someone new" part of a who-is-it-about step (a LADO concern, a MARAC referral): the new person checked
 * by the person index's rules, each problem beside its `new…` field unless that field already has one (`typeField`
 * takes the person type's). Ready to create only when the whole form is free of errors.
 */
export function checkNewPerson(
  values: { newGivenName: string; newFamilyName: string; newSex: string },
  personType: string | undefined,
  dateOfBirth: string | null,
  errors: FormErrors,
  typeField: string,
): PersonInput | null {
  const parsed = personFields.superRefine((p, ctx) => checkPersonRules(p, ctx)).safeParse({
    personType,
    givenName: values.newGivenName,
    familyName: values.newFamilyName,
    dateOfBirth,
    expectedDateOfDelivery: null,
    sex: values.newSex || undefined,
    disabilities: [],
  });
  if (!parsed.success) {
    for (const problem of fromZodError(parsed.error).summary) {
      const key = problem.href.slice(1);
      const field = key === 'personType' ? typeField : (NEW_PERSON_FIELDS[key] ?? 'newGivenName');
      if (!errors.fields[field]) addError(errors, field, problem.text);
    }
  }
  return parsed.success && !errors.summary.length ? toPersonInput(parsed.data) : null;
}
