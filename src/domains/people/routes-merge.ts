import type { FastifyInstance, FastifyRequest } from 'fastify';
import { addError, noErrors } from '../../platform/views/form-errors.ts';
import { PERSON_TYPE } from './codes.ts';
import { text } from '../../platform/views/form-fields.ts';
import { formatNhsNumber } from './identifiers.ts';
import { mergePair, mergePeople } from './merge.ts';
import { formBody, personIdOf } from './routes.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { openForMerge } from './service-merge-view.ts';
import { findOtherPeople } from './service-records.ts';

const CHOOSE = 'domains/people/views/merge-choose.njk';
const CONFIRM = 'domains/people/views/merge-confirm.njk';

const duplicateIdOf = (request: FastifyRequest) => uuidParam(request.params, 'duplicateId');

export const mergeRoutes = async (app: FastifyInstance) => {
  app.get('/people/:id/merge', async (request, reply) => {
    const person = await openForMerge(request.ctx(), personIdOf(request));
    return reply.page(CHOOSE, { title: 'Merge a duplicate record', section: 'people', person, values: {} });
  });

  app.post('/people/:id/merge/search', async (request, reply) => {
    const ctx = request.ctx();
    const id = personIdOf(request);
    const person = await openForMerge(ctx, id);
    const name = text(formBody(request), 'name').trim();
    if (!name) {
      return reply.status(400).page(CHOOSE, { title: 'Merge a duplicate record', section: 'people', person, values: {}, errors: addError(noErrors(), 'name', 'Enter a name to search for') });
    }
    const results = await findOtherPeople(ctx, id, name);
    return reply.page(CHOOSE, { title: 'Merge a duplicate record', section: 'people', person, values: { name }, results, searched: true });
  });

  app.get('/people/:id/merge/:duplicateId', async (request, reply) => {
    const { survivor, duplicate } = await mergePair(request.ctx(), personIdOf(request), duplicateIdOf(request));
    const side = (p: typeof survivor) => ({ ...p, typeLabel: PERSON_TYPE[p.person_type], nhs: p.nhs_number ? formatNhsNumber(p.nhs_number) : '' });
    return reply.page(CONFIRM, { title: 'Check before you merge', section: 'people', survivor: side(survivor), duplicate: side(duplicate) });
  });

  app.post('/people/:id/merge/:duplicateId', async (request, reply) => {
    const id = personIdOf(request);
    await mergePeople(request.ctx(), id, duplicateIdOf(request));
    return reply.redirect(`/people/${id}?merged=1`, 303);
  });
};
