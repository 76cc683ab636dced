import type { RequestContext } from '../../platform/access/authorise.ts';
import { BadRequestError } from '../../platform/http/errors.ts';
import { idempotencyKeyOf } from '../../platform/http/forms.ts';
import { UUID } from '../../platform/http/params.ts';
import { checkDate, type DateInputValue, readDateInput } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, list, text } from '../../platform/views/form-fields.ts';
import { SEX } from './codes.ts';
import { checkNewPerson } from './person-form.ts';
import { mayPickPerson, searchFromForm } from './service-pick.ts';
import { createPerson, personHeading, type searchPeople } from './service.ts';

/**
 * The "who is it about?" step of a record the partnership's own functions open (a LADO concern, a MARAC referral,
 * a child death, a practice review): people found in the person index, or added to it,
 * and put in the record's named parts (the adult, the victim, the children…). The people chosen travel from step to
 * step in the form body, one hidden field per part, never in the URL: their names are personal data.
 */
export interface WhoPart {
  /** The hidden field and the button action: `victim`, `child`… */
  key: string;
  /** Adults only, or children (and unborn children) only. */
  adult: boolean;
  /** Several people (children), or one. */
  many?: boolean;
  /** The heading over the people chosen for this part: "Children in the household". */
  heading: string;
  /** The choice when adding someone new: "A child in the household". */
  role: string;
  /** The pick button's ending: "as the victim", "as a child in the household". */
  pick: string;
  /** What the page says while nobody is chosen (`none` is a Nunjucks keyword). */
  empty: string;
}

export interface WhoStep {
  parts: readonly WhoPart[];
  /** The part that must be filled before going on, and what to say when it is not. */
  required?: { key: string; message: string };
  /** "Find the victim, the alleged perpetrator or a child". */
  findHeading: string;
  /** "Who are they on this referral?" */
  roleLegend: string;
}

export type Picked = Record<string, string[]>;

export function readPicked(body: FormBody, step: WhoStep): Picked {
  const ids = (key: string) => [...new Set(list(body, key).filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
  return Object.fromEntries(step.parts.map((p) => [p.key, p.many ? ids(p.key) : ids(p.key).slice(0, 1)]));
}

/** The one person chosen for a single part, or null. */
export const pickedOne = (picked: Picked, key: string): string | null => picked[key]?.[0] ?? null;

/** Puts a person in one part, taking them out of any other (nobody is both the victim and a child). */
function place(picked: Picked, step: WhoStep, key: string, id: string) {
  for (const part of step.parts) {
    const rest = (picked[part.key] ?? []).filter((p) => p !== id);
    picked[part.key] = part.key !== key ? rest : part.many ? [...rest, id] : [id];
  }
}

export interface WhoPage {
  search?: { name: string; dateOfBirth: DateInputValue };
  results?: Awaited<ReturnType<typeof searchPeople>>;
  newPerson?: { values: Record<string, unknown>; duplicates?: unknown[] };
  errors?: FormErrors;
  status?: number;
}

export type WhoOutcome = { picked: Picked; page: WhoPage } | { picked: Picked; next: 'continue' | 'save' };

/**
 * Handles every button of the step (search, pick, remove, add someone new) and says either which page to show again
 * or that the caller's own step comes next. A person is picked only if the user may put them on a record at all.
 */
export async function handleWhoStep(ctx: RequestContext, body: FormBody, step: WhoStep): Promise<WhoOutcome> {
  const [action = '', argument = ''] = text(body, 'action').split(':');
  const picked = readPicked(body, step);
  const page = (p: WhoPage = {}) => ({ picked, page: p });
  const part = step.parts.find((p) => p.key === action);
  if (part) {
    const heading = (await mayPickPerson(ctx, argument)) ? await personHeading(ctx, argument) : null;
    if (!heading) throw new BadRequestError('Choose a person from the search results.');
    if (part.adult !== (heading.personType === 'adult')) throw new BadRequestError(`Only ${part.adult ? 'an adult' : 'a child'} can be added ${part.pick}.`);
    place(picked, step, part.key, heading.id);
    return page();
  }
  switch (action) {
    case 'search': {
      const found = await searchFromForm(ctx, body);
      return page({ ...found, status: found.errors ? 400 : 200 });
    }
    case 'remove':
      for (const key of Object.keys(picked)) picked[key] = picked[key]!.filter((id) => id !== argument);
      return page();
    case 'new-person': {
      const first = step.parts.find((p) => !picked[p.key]?.length) ?? step.parts[step.parts.length - 1]!;
      return page({ newPerson: { values: { newPersonKey: idempotencyKeyOf(), newRole: first.key } } });
    }
    case 'cancel-new':
    case 'back':
      return page();
    case 'create-person': {
      const form = readNewPerson(body, step);
      if (!form.input || !form.part) return page({ newPerson: { values: form.values }, errors: form.errors, status: 400 });
      const outcome = await createPerson(ctx, form.input, null, { idempotencyKey: String(form.values.newPersonKey), confirmedNotDuplicate: form.values.confirmDifferent === 'yes' });
      if (outcome.outcome === 'possible_duplicates') {
        const again = text(body, 'duplicatesShown') === 'yes';
        const errors = again ? addError(noErrors(), 'confirmDifferent', 'Confirm this is a different person, or choose one of the existing records instead') : undefined;
        return page({ newPerson: { values: form.values, duplicates: outcome.duplicates }, errors, status: again ? 400 : 200 });
      }
      place(picked, step, form.part.key, outcome.id);
      return page();
    }
    case 'continue':
    case 'save':
      if (step.required && !picked[step.required.key]?.length) return page({ errors: addError(noErrors(), 'searchName', step.required.message), status: 400 });
      return { picked, next: action };
    default:
      return page({ errors: addError(noErrors(), 'searchName', 'Choose what to do next'), status: 400 });
  }
}

/** "Add someone new", by the person index's rules, in the part chosen for them. */
function readNewPerson(body: FormBody, step: WhoStep) {
  const values = {
    newRole: text(body, 'newRole'),
    newGivenName: text(body, 'newGivenName'),
    newFamilyName: text(body, 'newFamilyName'),
    newDateOfBirth: readDateInput(body, 'newDateOfBirth'),
    newSex: text(body, 'newSex'),
    newPersonKey: idempotencyKeyOf({ idempotencyKey: text(body, 'newPersonKey') }),
    confirmDifferent: text(body, 'confirmDifferent'),
  };
  const part = step.parts.find((p) => p.key === values.newRole) ?? null;
  const errors = noErrors();
  const dob = checkDate(values.newDateOfBirth, 'Date of birth');
  if ('error' in dob) addError(errors, 'newDateOfBirth-day', dob.error);
  if (!part) addError(errors, 'newRole', `Select ${step.roleLegend.replace(/^Who are they/, 'who they are').replace(/\?$/, '')}`);
  const input = checkNewPerson(values, part ? (part.adult ? 'adult' : 'child') : undefined, 'value' in dob ? dob.value : null, errors, 'newRole');
  return { values, errors, part, input };
}

/** The step's parts, each with the people chosen for it (anyone no longer pickable drops out). */
export async function pickedParts(ctx: RequestContext, step: WhoStep, picked: Picked) {
  const heading = async (id: string) => ((await mayPickPerson(ctx, id)) ? personHeading(ctx, id) : null);
  return Promise.all(step.parts.map(async (p) => ({ ...p, people: (await Promise.all((picked[p.key] ?? []).map(heading))).filter((h) => h !== null) })));
}

/** What `_who-step.njk` shows: the parts with the people chosen for each, and the search or new-person form. */
export async function whoView(ctx: RequestContext, step: WhoStep, picked: Picked, page: WhoPage = {}) {
  const chosen = new Set(Object.values(picked).flat());
  return {
    step: { ...step, parts: await pickedParts(ctx, step, picked) },
    search: page.search ?? { name: '', dateOfBirth: {} },
    results: page.results?.filter((r) => !chosen.has(r.id)),
    searched: page.results !== undefined,
    newPerson: page.newPerson,
    errors: page.errors ?? noErrors(),
    sexes: SEX,
  };
}
