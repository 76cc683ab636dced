import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { authorise, mayViewPerson } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { codeItems, type DatedForm, formOf, guarded, idempotencyKeyOf, readDatedForm } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { AREA_LOCALITY_CHOICES, localityName } from '../people/localities.ts';
import { searchFromForm } from '../people/service-pick.ts';
import { personHeading } from '../people/service.ts';
import { ACTION_KINDS, groupBack, groupHref, groupsView, RISK_LEVELS } from './groups-labels.ts';
import { groupList, groupPage } from './groups-page.ts';
import { endMemberFields, type GroupEdit, groupEditFields, groupFields, type GroupInput, memberFields, placeFields } from './groups-schema.ts';
import { addMember, addPlace, createGroup, editGroup, endMember, groupFor, memberFor, placesToAdd, removePlace } from './groups-service.ts';
import { INCIDENT_KINDS, INFORMATION_SOURCES, PLACE_KINDS, SECTION } from './places-labels.ts';
import { groupWorkRoutes } from './routes-groups-work.ts';


const codes = { actionKinds: ACTION_KINDS, riskLevels: RISK_LEVELS, incidentKinds: INCIDENT_KINDS, sources: INFORMATION_SOURCES, placeKinds: PLACE_KINDS };
const groupText = (body: unknown) => ({ name: text(body, 'name'), description: text(body, 'description'), locality: text(body, 'locality') });
const ENTERED = { name: 'Name', description: 'What is known of the group' };
const NEW_FORM: DatedForm<GroupInput> = { dates: {}, fields: groupText, schema: groupFields, entered: ENTERED };
const EDIT_FORM: DatedForm<GroupEdit> = { dates: { closedOn: ['The date the group closed', undefined] }, fields: groupText, schema: groupEditFields, entered: ENTERED };

/** A FieldProblem from a service, shown beside its field (a date's beside its day box). */
const problemErrors = (error: FieldProblem, dateFields: readonly string[]) => addError(noErrors(), dateFields.includes(error.field) ? `${error.field}-day` : error.field, error.message);

/** Peer groups: the list, the group page, and the forms that start, change and close a group and its members and places. */
export const groupRoutes = fp(async (app: FastifyInstance) => {
  app.get('/peer-groups', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'outside.view');
    const status = z.enum(['open', 'closed', 'all']).catch('open').parse((request.query as Record<string, unknown> | undefined)?.status);
    const list = await groupList(ctx, status);
    return reply.page(groupsView('list'), { title: 'Peer groups', section: SECTION, ...list, status, localityName, codes });
  });

  const formPage = (reply: FastifyReply, mode: 'new' | 'edit', values: Record<string, unknown>, errors: FormErrors = noErrors(), group: { id: string; name: string } | null = null) =>
    reply.status(errors.summary.length ? 400 : 200).page(groupsView('form'), {
      title: mode === 'new' ? 'Start a peer group' : 'Change the peer group', section: SECTION, mode, group, values, errors,
      localityItems: codeItems(AREA_LOCALITY_CHOICES, values.locality as string, { blank: 'Not known' }),
    });

  app.get('/peer-groups/new', async (request, reply) => {
    authorise(request.ctx(), 'outside.groups');
    return formPage(reply, 'new', { idempotencyKey: idempotencyKeyOf() });
  });

  app.post('/peer-groups/new', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'outside.groups');
    const form = readDatedForm(formOf(request), NEW_FORM);
    if (!form.parsed.success || form.errors.summary.length) return formPage(reply, 'new', form.values, form.errors);
    try {
      return reply.redirect(groupHref(await createGroup(ctx, { ...form.parsed.data, idempotencyKey: String(form.values.idempotencyKey) })), 303);
    } catch (error) {
      if (error instanceof FieldProblem) return formPage(reply, 'new', form.values, problemErrors(error, []));
      throw error;
    }
  });

  app.get('/peer-groups/:id', async (request, reply) => {
    const page = await groupPage(request.ctx(), uuidParam(request.params));
    return reply.page(groupsView('group'), { title: page.group.name, section: SECTION, ...page, codes, localityName });
  });

  app.get('/peer-groups/:id/edit', async (request, reply) => {
    const group = await groupFor(request.ctx(), uuidParam(request.params), 'outside.groups');
    return formPage(reply, 'edit', { name: group.name, description: group.description, locality: group.locality ?? '', closedOn: dateParts(group.closed_on), version: group.version }, noErrors(), group);
  });

  app.post('/peer-groups/:id/edit', async (request, reply) => {
    const ctx = request.ctx();
    const id = uuidParam(request.params);
    const group = await groupFor(ctx, id, 'outside.groups');
    const form = readDatedForm(formOf(request), EDIT_FORM);
    return guarded(reply, groupBack(id, form.entered), async () => {
      if (!form.parsed.success || form.errors.summary.length) return formPage(reply, 'edit', form.values, form.errors, group);
      try {
        await editGroup(ctx, id, form.parsed.data);
      } catch (error) {
        if (error instanceof FieldProblem) return formPage(reply, 'edit', form.values, problemErrors(error, ['closedOn']), group);
        throw error;
      }
      return reply.redirect(groupHref(id), 303);
    });
  });

  // Adding a member: search the person index, choose a child the user may see, say since when.
  const memberPage = async (reply: FastifyReply, id: string, data: Record<string, unknown>, errors: FormErrors = noErrors()) => {
    const group = await groupFor(reply.request.ctx(), id, 'outside.groups');
    return reply.status(errors.summary.length ? 400 : 200).page(groupsView('member'), { title: 'Add a member', section: SECTION, group, search: {}, values: {}, ...data, errors });
  };

  app.get('/peer-groups/:id/members/new', async (request, reply) => memberPage(reply, uuidParam(request.params), { values: { idempotencyKey: idempotencyKeyOf() } }));

  app.post('/peer-groups/:id/members/new', async (request, reply) => {
    const ctx = request.ctx();
    const id = uuidParam(request.params);
    await groupFor(ctx, id, 'outside.groups');
    const body = formOf(request);
    const [action = '', argument = ''] = text(body, 'action').split(':');
    const idempotencyKey = idempotencyKeyOf(body);
    const chosenPage = async (personId: string, values: Record<string, unknown>, errors?: FormErrors) =>
      memberPage(reply, id, { chosen: await personHeading(ctx, personId), values: { ...values, idempotencyKey } }, errors);
    if (action === 'choose' && (await mayViewPerson(ctx, argument))) return chosenPage(argument, { fromDate: dateParts(ukToday()) });
    if (action === 'change') return memberPage(reply, id, { values: { idempotencyKey } });
    if (action === 'save') {
      const form = readDatedForm(body, { dates: { fromDate: ['The date they joined', 'Enter the date they were first known to be part of the group'] }, fields: (b) => ({ personId: text(b, 'personId') }), schema: memberFields, entered: {} });
      const personId = text(body, 'personId');
      if (!(await mayViewPerson(ctx, personId))) return memberPage(reply, id, { values: { idempotencyKey } }, addError(noErrors(), 'searchName', 'Search for the young person and choose them from the results'));
      const parsed = form.parsed;
      if (!parsed.success || form.errors.summary.length) return chosenPage(personId, form.values, form.errors);
      return guarded(reply, groupBack(id), async () => {
        try {
          await addMember(ctx, id, { ...parsed.data, idempotencyKey });
        } catch (error) {
          if (error instanceof FieldProblem) return chosenPage(personId, form.values, problemErrors(error, ['fromDate']));
          throw error;
        }
        return reply.redirect(groupHref(id), 303);
      });
    }
    const found = await searchFromForm(ctx, body);
    const results = found.results?.filter((r) => r.canOpen && r.personType === 'child');
    return memberPage(reply, id, { search: found.search, results, values: { idempotencyKey } }, found.errors);
  });

  const endPage = async (reply: FastifyReply, id: string, memberId: string, values: Record<string, unknown>, errors: FormErrors = noErrors()) => {
    const { group, member, person } = await memberFor(reply.request.ctx(), id, memberId, 'outside.groups');
    return reply.status(errors.summary.length ? 400 : 200).page(groupsView('member-end'), { title: 'End a membership', section: SECTION, group, member, person, values: { version: member.version, ...values }, errors });
  };

  app.get('/peer-groups/:id/members/:memberId/end', async (request, reply) =>
    endPage(reply, uuidParam(request.params), uuidParam(request.params, 'memberId'), { toDate: dateParts(ukToday()) }));

  app.post('/peer-groups/:id/members/:memberId/end', async (request, reply) => {
    const ctx = request.ctx();
    const id = uuidParam(request.params);
    const memberId = uuidParam(request.params, 'memberId');
    await memberFor(ctx, id, memberId, 'outside.groups');
    const form = readDatedForm(formOf(request), { dates: { toDate: ['The date they stopped', 'Enter the date they stopped being part of the group'] }, fields: () => ({}), schema: endMemberFields, entered: {} });
    return guarded(reply, groupBack(id), async () => {
      if (!form.parsed.success || form.errors.summary.length) return endPage(reply, id, memberId, form.values, form.errors);
      try {
        await endMember(ctx, id, memberId, form.parsed.data);
      } catch (error) {
        if (error instanceof FieldProblem) return endPage(reply, id, memberId, form.values, problemErrors(error, ['toDate']));
        throw error;
      }
      return reply.redirect(groupHref(id), 303);
    });
  });

  const placePage = async (reply: FastifyReply, id: string, chosen: string, errors: FormErrors = noErrors()) => {
    const ctx = reply.request.ctx();
    const group = await groupFor(ctx, id, 'outside.groups');
    const places = await placesToAdd(ctx, id);
    const placeItems = [{ value: '', text: 'Select a place', selected: !chosen }, ...places.map((p) => ({ value: p.id, text: `${p.name} (${PLACE_KINDS[p.kind]})`, selected: p.id === chosen }))];
    return reply.status(errors.summary.length ? 400 : 200).page(groupsView('place'), { title: 'Link a place to the group', section: SECTION, group, places, placeItems, errors });
  };

  app.get('/peer-groups/:id/places', async (request, reply) => placePage(reply, uuidParam(request.params), ''));

  app.post('/peer-groups/:id/places', async (request, reply) => {
    const ctx = request.ctx();
    const id = uuidParam(request.params);
    await groupFor(ctx, id, 'outside.groups');
    const chosen = text(formOf(request), 'placeId');
    const parsed = placeFields.safeParse({ placeId: chosen });
    if (!parsed.success) return placePage(reply, id, chosen, addError(noErrors(), 'placeId', 'Select a place'));
    return guarded(reply, groupBack(id), async () => {
      try {
        await addPlace(ctx, id, parsed.data.placeId);
      } catch (error) {
        if (error instanceof FieldProblem) return placePage(reply, id, chosen, problemErrors(error, []));
        throw error;
      }
      return reply.redirect(groupHref(id), 303);
    });
  });

  app.post('/peer-groups/:id/places/:placeId/remove', async (request, reply) => {
    const ctx = request.ctx();
    const id = uuidParam(request.params);
    await groupFor(ctx, id, 'outside.groups');
    return guarded(reply, groupBack(id), async () => {
      await removePlace(ctx, id, uuidParam(request.params, 'placeId'));
      return reply.redirect(groupHref(id), 303);
    });
  });

  await app.register(groupWorkRoutes);
});
