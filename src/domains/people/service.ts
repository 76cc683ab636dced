import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database, Person } from '../../db/types.ts';
import { auditChange, authorise, authorisePerson, loadPersonScope, mayViewPerson, type RequestContext, viewablePeople } from '../../platform/access/authorise.ts';
import { type Action, can, isSocialCareStaff } from '../../platform/access/rules.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { ageOn } from '../../platform/views/format.ts';
import { recordChronology } from '../chronology/service.ts';
import { PERSON_TYPE, RELATIONSHIP } from './codes.ts';
import { formatNhsNumber, normaliseNhsNumber, postcodeKey } from './identifiers.ts';
import { fullName, searchKey } from './names.ts';
import { type Locality, localityForPostcode } from './localities.ts';
import * as repo from './repository.ts';
import type { AddressInput, PersonInput, SearchBody } from './schema.ts';

export type { PersonHeading } from './repository.ts';

/**
 * The name and date of birth that head every page about a person. Callers must already have authorised the
 * actor for this person (authorisePerson); this only reads.
 */
export async function personHeading(ctx: RequestContext, personId: string): Promise<repo.PersonHeading> {
  const heading = await repo.findPersonHeading(ctx.db, personId);
  if (!heading) throw new NotFoundError();
  return heading;
}

export async function chronicle(db: Kysely<Database>, ctx: RequestContext, personId: string, entryType: string, summary: string, record?: { type: string; id: string }) {
  await recordChronology(db, {
    personId,
    occurredAt: new Date(),
    entryType,
    summary,
    agencyId: ctx.actor.agencyId,
    recordedBy: ctx.actor.id,
    recordType: record?.type ?? 'person',
    recordId: record?.id ?? personId,
  });
}

/** Whether the actor could open this record, decided without writing to the audit (for lists and links). */
export const mayView = mayViewPerson;

export interface SearchResult {
  id: string;
  name: string;
  matchedAlias: string | null;
  personType: string;
  personTypeLabel: string;
  dateOfBirth: string | null;
  expectedDateOfDelivery: string | null;
  age: number | null;
  postcode: string | null;
  nhsNumber: string | null;
  restricted: boolean;
  canOpen: boolean;
}

export async function searchPeople(ctx: RequestContext, criteria: SearchBody): Promise<SearchResult[]> {
  authorise(ctx, 'person.search');
  const rows = await repo.searchPeople(
    ctx.db,
    {
      nameKey: criteria.name ? searchKey(criteria.name) || null : null,
      dateOfBirth: criteria.dateOfBirth ?? null,
      nhsNumber: criteria.nhsNumber ? normaliseNhsNumber(criteria.nhsNumber) : null,
      postcodePrefix: criteria.postcode ? postcodeKey(criteria.postcode) : null,
    },
    { userId: ctx.actor.id, agencyId: ctx.actor.agencyId },
  );
  return rows.map((r) => {
    const canOpen = can(ctx.actor, 'person.view', {
      kind: 'person',
      person: {
        id: r.id,
        restricted: r.restricted,
        involvedAgencyIds: r.involved ? [ctx.actor.agencyId] : [],
        namedUserIds: r.named ? [ctx.actor.id] : [],
        breakGlassUserIds: r.break_glass ? [ctx.actor.id] : [],
      },
    }).allowed;
    // Someone not involved sees enough to recognise the person (name, date of birth), not where they live,
    // their NHS number or the other names they go by.
    return {
      id: r.id,
      name: fullName(r),
      matchedAlias: canOpen ? r.matched_alias : null,
      personType: r.person_type,
      personTypeLabel: PERSON_TYPE[r.person_type] ?? r.person_type,
      dateOfBirth: r.date_of_birth,
      expectedDateOfDelivery: r.expected_date_of_delivery,
      age: r.date_of_birth ? ageOn(r.date_of_birth) : null,
      postcode: canOpen ? r.postcode : null,
      nhsNumber: canOpen && r.nhs_number ? formatNhsNumber(r.nhs_number) : null,
      restricted: r.restricted,
      canOpen,
    };
  });
}

/** The person as the API shows it. */
export function toPersonDto(p: Person) {
  return {
    id: p.id,
    ...personInputOf(p),
    // The API tells the truth about an unrecorded sex; only the edit form needs a choice filled in.
    sex: p.sex,
    restricted: p.restricted,
    mergedInto: p.merged_into,
    version: p.version,
    updatedAt: new Date(p.updated_at).toISOString(),
  };
}
export type PersonDto = ReturnType<typeof toPersonDto>;

/** Opens a record for reading: authorises and audits ('person.search_open' when reached from search results). */
export async function openPerson(ctx: RequestContext, personId: string, options: { fromSearch?: boolean } = {}): Promise<Person> {
  const decision = await authorisePerson(ctx, personId, 'person.view', { audit: !options.fromSearch });
  if (options.fromSearch) await auditChange(ctx.db, ctx, 'person.search_open', personId, decision);
  const person = await repo.findPerson(ctx.db, personId);
  if (!person) throw new NotFoundError();
  return person;
}

/** Checks the actor may change the record, for the edit form: shown (and audited as a view) or submitted. */
export async function openForEdit(ctx: RequestContext, personId: string, options: { auditView?: boolean } = {}): Promise<Person> {
  await authorisePerson(ctx, personId, 'person.edit', { audit: false });
  if (options.auditView) await authorisePerson(ctx, personId, 'person.view');
  const person = await repo.findPerson(ctx.db, personId);
  if (!person) throw new NotFoundError();
  if (person.merged_into) throw new ConflictError('This record has been merged into another and can no longer be changed.', toPersonDto(person));
  if (person.destroyed_at) throw new ConflictError('This record was destroyed under the retention schedule and can no longer be changed.');
  return person;
}

export interface RelatedPerson {
  id: string;
  relationshipId: string;
  label: string;
  /** Null when the actor may not see who this is. */
  name: string | null;
  dateOfBirth: string | null;
}

/** Everything the record page shows beyond the person row. Callers have already authorised the view. */
export async function personRecord(ctx: RequestContext, person: Person) {
  const [names, addresses, relationshipRows, involvements, namedUsers, scope] = await Promise.all([
    repo.listNames(ctx.db, person.id),
    repo.listAddresses(ctx.db, person.id),
    repo.listRelationships(ctx.db, person.id),
    repo.listInvolvements(ctx.db, person.id),
    repo.listNamedUsers(ctx.db, person.id),
    loadPersonScope(ctx, person.id),
  ]);
  const otherIds = [...new Set(relationshipRows.map((r) => (r.person_id === person.id ? r.related_person_id : r.person_id)))];
  const [found, visibleIds] = await Promise.all([repo.findPeople(ctx.db, otherIds), viewablePeople(ctx, otherIds)]);
  const others = new Map(found.map((p) => [p.id, p]));
  const relationships: RelatedPerson[] = [];
  for (const r of relationshipRows) {
    // A row (A, B, kind) reads "A is the <kind> of B": B's page lists A as <kind>, A's page lists B as the inverse.
    const mine = r.person_id === person.id;
    const otherId = mine ? r.related_person_id : r.person_id;
    const kind = mine ? (RELATIONSHIP[r.kind]?.inverse ?? r.kind) : r.kind;
    const other = others.get(otherId);
    const visible = visibleIds.has(otherId);
    relationships.push({
      id: otherId,
      relationshipId: r.id,
      label: RELATIONSHIP[kind]?.label ?? kind,
      name: visible && other ? fullName(other) : null,
      dateOfBirth: visible && other ? other.date_of_birth : null,
    });
  }
  const allows = (action: Action) =>
    scope !== null && can(ctx.actor, action, { kind: 'person', person: scope }).allowed;
  const survivor = person.merged_into ? await repo.findPersonHeading(ctx.db, person.merged_into) : null;
  return {
    names,
    addresses,
    relationships,
    involvements,
    namedUsers,
    survivor,
    // A child who died is shown at the age they died, not the age they would be now.
    age: person.date_of_birth ? ageOn(person.date_of_birth, person.date_of_death ? new Date(`${person.date_of_death}T12:00:00Z`) : undefined) : null,
    permissions: {
      edit: allows('person.edit') && !person.merged_into,
      share: allows('person.share') && !person.merged_into,
      restrict: allows('person.restrict') && !person.merged_into,
      merge: allows('person.merge') && !person.merged_into,
      viewers: allows('person.viewers'),
      contact: can(ctx.actor, 'contact.create').allowed && person.person_type !== 'adult' && !person.merged_into,
      earlyHelp: allows('earlyhelp.open') && person.person_type !== 'adult',
      socialCare: allows('person.view'),
      refer: allows('socialcare.refer') && person.person_type !== 'adult' && !person.merged_into,
      reportMissing: allows('missing.report') && person.person_type === 'child' && !person.merged_into,
      stepDown: allows('earlyhelp.step_down') && person.person_type !== 'adult' && !person.merged_into,
      referToPanel: allows('panels.refer') && person.person_type !== 'adult' && !person.merged_into,
      // Harm outside the home: the young people, adults, places and peer groups the person is linked to.
      network: allows('outside.view') && person.person_type !== 'unborn',
    },
  };
}

export interface DuplicateSummary {
  id: string;
  name: string;
  personType: string;
  dateOfBirth: string | null;
  expectedDateOfDelivery: string | null;
  nhsNumber: string | null;
}

/** Possible existing records for this person, limited to those the actor may see. */
export async function findPossibleDuplicates(ctx: RequestContext, input: PersonInput, excludeId?: string): Promise<DuplicateSummary[]> {
  const candidates = await repo.findDuplicateCandidates(ctx.db, {
    nameKey: searchKey(input.givenName, input.familyName),
    nhsNumber: input.nhsNumber,
    date: input.dateOfBirth ?? input.expectedDateOfDelivery,
    excludeId,
  });
  const viewable = await viewablePeople(ctx, candidates.map((c) => c.id));
  const people = await repo.findPeople(ctx.db, candidates.filter((c) => viewable.has(c.id)).map((c) => c.id));
  return people.map((p) => ({
    id: p.id,
    name: fullName(p),
    personType: PERSON_TYPE[p.person_type] ?? p.person_type,
    dateOfBirth: p.date_of_birth,
    expectedDateOfDelivery: p.expected_date_of_delivery,
    nhsNumber: p.nhs_number ? formatNhsNumber(p.nhs_number) : null,
  }));
}

const personColumns = (input: PersonInput) => ({
  person_type: input.personType,
  given_name: input.givenName,
  family_name: input.familyName,
  date_of_birth: input.dateOfBirth,
  expected_date_of_delivery: input.expectedDateOfDelivery,
  sex: input.sex,
  gender: input.gender,
  ethnicity: input.ethnicity,
  nhs_number: input.nhsNumber,
  upn: input.upn,
  language: input.language,
  disabilities: input.disabilities,
  search_name: searchKey(input.givenName, input.familyName),
});

export type CreateOutcome =
  | { outcome: 'created' | 'replayed'; id: string }
  | { outcome: 'possible_duplicates'; duplicates: DuplicateSummary[] };

export async function createPerson(
  ctx: RequestContext,
  input: PersonInput,
  address: AddressInput | null,
  options: { idempotencyKey: string | null; confirmedNotDuplicate: boolean },
): Promise<CreateOutcome> {
  authorise(ctx, 'person.create');
  const claim = options.idempotencyKey ? { key: options.idempotencyKey, userId: ctx.actor.id, resourceType: 'person' } : null;
  // A repeat of a request that already created the person goes straight to it, before the duplicate check
  // (which would otherwise find the record the first request made).
  if (claim) {
    const existing = await findIdempotentResource(ctx.db, claim);
    if (existing) return { outcome: 'replayed', id: existing };
  }
  if (!options.confirmedNotDuplicate) {
    const duplicates = await findPossibleDuplicates(ctx, input);
    if (duplicates.length) return { outcome: 'possible_duplicates', duplicates };
  }
  const id = uuidv7();
  const write = async (trx: Kysely<Database>) => {
    await repo.insertPerson(trx, { id, ...personColumns(input), created_by: ctx.actor.id });
    if (address) {
      await repo.insertAddress(trx, { personId: id, ...address, postcodeKey: postcodeKey(address.postcode), line2: address.line2 ?? null, town: address.town ?? null, createdBy: ctx.actor.id });
    }
    // A partner agency that records someone is involved with them from then on; social care sees everyone anyway.
    if (!isSocialCareStaff(ctx.actor)) {
      await repo.insertInvolvement(trx, { personId: id, agencyId: ctx.actor.agencyId, basis: 'created_record', detail: null, createdBy: ctx.actor.id });
    }
    await chronicle(trx, ctx, id, 'person.created', 'Record created in the person index');
    await auditChange(trx, ctx, 'person.create', id, { allowed: true, via: 'role' });
  };
  if (claim) {
    const result = await once(ctx.db, { ...claim, resourceId: id }, write);
    return { outcome: result.replayed ? 'replayed' : 'created', id: result.id };
  }
  await ctx.db.transaction().execute(write);
  return { outcome: 'created', id };
}

export const FIELD_LABELS: Record<keyof PersonInput, string> = {
  personType: 'Person type',
  givenName: 'Given name',
  familyName: 'Family name',
  dateOfBirth: 'Date of birth',
  expectedDateOfDelivery: 'Expected date of delivery',
  sex: 'Sex',
  gender: 'Gender',
  ethnicity: 'Ethnicity',
  nhsNumber: 'NHS number',
  upn: 'Unique pupil number',
  language: 'Language',
  disabilities: 'Disabilities',
};

export function personInputOf(p: Person): PersonInput {
  return {
    personType: p.person_type,
    givenName: p.given_name,
    familyName: p.family_name,
    dateOfBirth: p.date_of_birth,
    expectedDateOfDelivery: p.expected_date_of_delivery,
    sex: p.sex ?? 'U',
    gender: p.gender,
    ethnicity: p.ethnicity,
    nhsNumber: p.nhs_number,
    upn: p.upn,
    language: p.language,
    disabilities: p.disabilities,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function changedFields(before: PersonInput, after: PersonInput): (keyof PersonInput)[] {
  return (Object.keys(FIELD_LABELS) as (keyof PersonInput)[]).filter((k) => !same(before[k], after[k]));
}

/**
 * Saves an edit made from `version`. If someone saved in between, nothing is written and ConflictError carries
 * the record as it now is, so the user can compare and start again.
 */
export async function updatePerson(ctx: RequestContext, personId: string, version: number, input: PersonInput): Promise<{ changed: string[] }> {
  const decision = await authorisePerson(ctx, personId, 'person.edit', { audit: false });
  const current = await repo.findPerson(ctx.db, personId);
  if (!current) throw new NotFoundError();
  if (current.merged_into) throw new ConflictError('This record has been merged into another and can no longer be changed.', toPersonDto(current));
  const stale = () => new ConflictError('Someone else saved changes to this record after you opened it. Nothing you entered has been saved.', toPersonDto(current));
  if (current.version !== version) throw stale();
  const changed = changedFields(personInputOf(current), input);
  if (!changed.length) return { changed: [] };
  await ctx.db.transaction().execute(async (trx) => {
    const saved = await repo.updatePersonAtVersion(trx, personId, version, personColumns(input));
    if (!saved) {
      const now = await repo.findPerson(trx, personId);
      throw new ConflictError(stale().message, now ? toPersonDto(now) : undefined);
    }
    const list = changed.map((k) => FIELD_LABELS[k].toLowerCase().replace('nhs', 'NHS'));
    await chronicle(trx, ctx, personId, 'person.updated', `Details changed: ${list.join(', ')}`);
    await auditChange(trx, ctx, 'person.edit', personId, decision);
  });
  return { changed };
}

/** The locality a person lives in, from their current address. Callers must already have authorised the actor. */
export async function personLocality(db: Kysely<Database>, personId: string): Promise<Locality> {
  return localityForPostcode(await repo.currentPostcode(db, personId));
}

/** Names of several people at once (for lists), by id. Callers decide visibility themselves (`viewablePeople`). */
export async function personNames(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('people').select(['id', 'given_name', 'family_name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, `${r.given_name} ${r.family_name}`]));
}
