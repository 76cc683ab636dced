import { loadPersonScope, type RequestContext } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { UUID } from '../../platform/http/params.ts';
import { addError, noErrors } from '../../platform/views/form-errors.ts';
import { checkDate, readDateInput } from '../../platform/views/date-input.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { searchPeople } from './service.ts';

/**
 * Whether a caseworker may put this person on a record of their own (a LADO concern, a MARAC referral): anyone in
 * the index except a restricted record they are not named on, so picking someone never opens a restricted record.
 */
export async function mayPickPerson(ctx: RequestContext, personId: string): Promise<boolean> {
  if (!UUID.test(personId)) return false;
  const scope = await loadPersonScope(ctx, personId);
  if (!scope) return false;
  return !scope.restricted || can(ctx.actor, 'person.view', { kind: 'person', person: scope }).allowed;
}

/**
 * The person search on a "who is it about?" step (a contact, a LADO concern, a MARAC referral): the form's name and
 * date of birth checked, then searched; the search as typed comes back either way, to show again.
 */
export async function searchFromForm(ctx: RequestContext, body: FormBody) {
  const search = { name: text(body, 'searchName').trim(), dateOfBirth: readDateInput(body, 'searchDateOfBirth') };
  const errors = noErrors();
  const dob = checkDate(search.dateOfBirth, 'Date of birth');
  if ('error' in dob) addError(errors, 'searchDateOfBirth-day', dob.error);
  if (!search.name && !('value' in dob && dob.value)) addError(errors, 'searchName', 'Enter a name or date of birth to search for');
  if (search.name.length > 200) addError(errors, 'searchName', 'Name must be 200 characters or fewer');
  if (errors.summary.length) return { search, errors };
  const results = await searchPeople(ctx, { name: search.name || undefined, dateOfBirth: ('value' in dob && dob.value) || undefined });
  return { search, results };
}
