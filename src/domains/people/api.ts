import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as repo from './repository.ts';
import { chronologyEntries } from '../chronology/service.ts';
import { createPersonBody, idParams, searchBody, toAddressInput, toPersonInput, updatePersonBody } from './schema.ts';
import * as people from './service.ts';

const tags = ['People'];
const date = z.string().nullable();

const personDto = z.object({
  id: z.uuid(),
  personType: z.enum(['child', 'unborn', 'adult']),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: date,
  expectedDateOfDelivery: date,
  sex: z.enum(['M', 'F', 'U']).nullable(),
  gender: z.string().nullable(),
  ethnicity: z.string().nullable(),
  nhsNumber: z.string().nullable(),
  upn: z.string().nullable(),
  language: z.string().nullable(),
  disabilities: z.array(z.string()),
  restricted: z.boolean(),
  mergedInto: z.uuid().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});

const personRecordDto = personDto.extend({
  otherNames: z.array(z.object({ givenName: z.string(), familyName: z.string(), kind: z.string() })),
  addresses: z.array(z.object({ line1: z.string(), line2: z.string().nullable(), town: z.string().nullable(), postcode: z.string(), startDate: z.string(), endDate: date })),
  relationships: z.array(z.object({ personId: z.uuid(), relationship: z.string(), name: z.string().nullable().describe('Null when you may not see who this is') })),
  sharing: z.array(z.object({ agency: z.string(), basis: z.string(), detail: z.string().nullable(), startDate: z.string(), endDate: date })),
});

const searchResultDto = z.object({
  id: z.uuid(),
  name: z.string(),
  matchedAlias: z.string().nullable(),
  personType: z.string(),
  dateOfBirth: date,
  expectedDateOfDelivery: date,
  age: z.number().int().nullable(),
  postcode: z.string().nullable(),
  nhsNumber: z.string().nullable(),
  restricted: z.boolean(),
  canOpen: z.boolean().describe('False when your agency is not involved: opening it would be refused (403) and offer emergency access'),
});

const chronologyQuery = z.object({
  type: z.string().max(100).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

const chronologyDto = z.object({
  entries: z.array(
    z.object({
      id: z.uuid(),
      occurredAt: z.string(),
      type: z.string(),
      summary: z.string(),
      agency: z.string().nullable(),
      recordedBy: z.string().nullable(),
      recordType: z.string().nullable(),
      recordId: z.string().nullable(),
    }),
  ),
});

const duplicatesProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.literal(409),
  detail: z.string(),
  possibleDuplicates: z.array(
    z.object({ id: z.uuid(), name: z.string(), personType: z.string(), dateOfBirth: date, expectedDateOfDelivery: date, nhsNumber: z.string().nullable() }),
  ),
});

const idempotencyHeaders = z.object({
  'idempotency-key': z.string().min(8).max(200).optional().describe('Repeat a request with the same key to get the person it created rather than a second one'),
});

/** JSON API for the person index, under /api/v1: the same rules, access checks and audit as the pages. */
export const peopleApi = async (base: FastifyInstance) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/csrf-token', { schema: { tags: ['Session'], summary: 'A CSRF token to send as x-csrf-token on changes', response: { 200: z.object({ token: z.string() }) } } }, async (_request, reply) => ({
    token: reply.generateCsrf(),
  }));

  app.post(
    '/people/search',
    { schema: { tags, summary: 'Find people by name, date of birth, NHS number or postcode', body: searchBody, response: { 200: z.object({ results: z.array(searchResultDto) }) } } },
    async (request) => {
      const results = await people.searchPeople(request.ctx(), request.body);
      return { results: results.map(({ personTypeLabel: _label, ...r }) => r) };
    },
  );

  app.get('/people/:id', { schema: { tags, summary: 'A person’s record', params: idParams, response: { 200: personRecordDto } } }, async (request) => {
    const ctx = request.ctx();
    const person = await people.openPerson(ctx, request.params.id);
    const record = await people.personRecord(ctx, person);
    return {
      ...people.toPersonDto(person),
      otherNames: record.names.map((n) => ({ givenName: n.given_name, familyName: n.family_name, kind: n.kind })),
      addresses: record.addresses.map((a) => ({ line1: a.line1, line2: a.line2, town: a.town, postcode: a.postcode, startDate: a.start_date, endDate: a.end_date })),
      relationships: record.relationships.map((r) => ({ personId: r.id, relationship: r.label, name: r.name })),
      sharing: record.involvements.map((i) => ({ agency: i.agency_name, basis: i.basis, detail: i.detail, startDate: i.start_date, endDate: i.end_date })),
    };
  });

  app.post(
    '/people',
    {
      schema: {
        tags,
        summary: 'Add a person',
        description: 'Answers 409 with possibleDuplicates when similar people exist; send confirmedNotDuplicate: true after checking them.',
        body: createPersonBody,
        headers: idempotencyHeaders,
        response: { 200: personDto, 201: personDto, 409: duplicatesProblem },
      },
    },
    async (request, reply) => {
      const ctx = request.ctx();
      const { address, confirmedNotDuplicate, ...details } = request.body;
      const outcome = await people.createPerson(ctx, toPersonInput(details), address ? toAddressInput(address) : null, {
        idempotencyKey: request.headers['idempotency-key'] ?? null,
        confirmedNotDuplicate: confirmedNotDuplicate === true,
      });
      if (outcome.outcome === 'possible_duplicates') {
        return reply.status(409).type('application/problem+json').send({
          type: 'about:blank',
          title: 'This person may already have a record',
          status: 409,
          detail: 'Check these records. If this is a different person, send the request again with confirmedNotDuplicate: true.',
          possibleDuplicates: outcome.duplicates,
        });
      }
      const person = await repo.findPerson(ctx.db, outcome.id);
      if (!person) throw new Error('The created person could not be read back');
      return reply.status(outcome.outcome === 'created' ? 201 : 200).header('location', `/api/v1/people/${outcome.id}`).send(people.toPersonDto(person));
    },
  );

  app.patch(
    '/people/:id',
    {
      schema: {
        tags,
        summary: 'Change a person’s details',
        description: 'Send every field and the version you read. If someone saved since, 409 with the current record in `current`; nothing is changed.',
        params: idParams,
        body: updatePersonBody,
        response: { 200: personDto },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      const { version, ...details } = request.body;
      await people.updatePerson(ctx, request.params.id, version, toPersonInput(details));
      const person = await repo.findPerson(ctx.db, request.params.id);
      if (!person) throw new Error('The person could not be read back');
      return people.toPersonDto(person);
    },
  );

  app.get(
    '/people/:id/chronology',
    { schema: { tags, summary: 'A person’s chronology, newest first', params: idParams, querystring: chronologyQuery, response: { 200: chronologyDto } } },
    async (request) => {
      const ctx = request.ctx();
      const rows = await chronologyEntries(ctx, request.params.id, request.query);
      return {
        entries: rows.map((r) => ({
          id: r.id,
          occurredAt: new Date(r.occurredAt).toISOString(),
          type: r.entryType,
          summary: r.summary,
          agency: r.agencyName,
          recordedBy: r.recordedByName,
          recordType: r.recordType,
          recordId: r.recordId,
        })),
      };
    },
  );
};
