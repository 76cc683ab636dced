import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { authorise } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { codeItems, type DatedForm, formOf, guarded, idempotencyKeyOf, readDatedForm } from '../../platform/http/forms.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts, parseDateRange } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { AREA_LOCALITY_CHOICES, localityName } from '../people/localities.ts';
import { placePage } from './places-incidents.ts';
import { INCIDENT_KINDS, INFORMATION_SOURCES, PLACE_KINDS, placesView, SECTION } from './places-labels.ts';
import { type PlaceEditInput, placeEditFields, placeFields, type PlaceInput, placeSearchFields } from './places-schema.ts';
import { createPlace, editPlace, placeFor, REPEAT_DAYS, repeatPlaces, searchPlaces } from './places-service.ts';
import { incidentRoutes } from './routes-places-incidents.ts';

const codes = { kinds: PLACE_KINDS, localities: AREA_LOCALITY_CHOICES, incidentKinds: INCIDENT_KINDS, sources: INFORMATION_SOURCES };

const PLACE_TEXT = ['name', 'kind', 'locality', 'postcode', 'description'] as const;
const placeText = (body: unknown) => Object.fromEntries(PLACE_TEXT.map((f) => [f, text(body, f)]));
const ENTERED = { name: 'Name', description: 'Description' };

const NEW_FORM: DatedForm<PlaceInput> = { dates: {}, fields: placeText, schema: placeFields, entered: ENTERED };
const EDIT_FORM: DatedForm<PlaceEditInput> = { dates: { closedOn: ['The date it closed', undefined] }, fields: placeText, schema: placeEditFields, entered: ENTERED };

/** The places of concern: the list and its patterns, a place with its timeline, and the forms that change them. */
export const placesRoutes = fp(async (app: FastifyInstance) => {
  app.get('/places', async (request, reply) => {
    const ctx = request.ctx();
    const search = placeSearchFields.parse(request.query ?? {});
    const [found, repeats] = await Promise.all([searchPlaces(ctx, search), repeatPlaces(ctx)]);
    const searched = Boolean(search.name || search.kind || search.locality || search.closed);
    return reply.page(placesView('list'), {
      title: 'Places of concern', section: SECTION, ...found, repeats, repeatDays: REPEAT_DAYS, search, searched, codes,
      kindItems: codeItems(PLACE_KINDS, search.kind, { blank: 'Any kind' }), localityItems: codeItems(AREA_LOCALITY_CHOICES, search.locality, { blank: 'Any locality' }),
      mayRecord: can(ctx.actor, 'outside.record').allowed, localityName,
    });
  });

  const formPage = (reply: FastifyReply, mode: 'new' | 'edit', values: Record<string, unknown>, errors: FormErrors = noErrors(), place: { id: string; name: string } | null = null) =>
    reply.status(errors.summary.length ? 400 : 200).page(placesView('form'), {
      title: mode === 'new' ? 'Add a place of concern' : 'Change the place’s details', section: SECTION, mode, place, values, errors,
      kindItems: codeItems(PLACE_KINDS, values.kind as string), localityItems: codeItems(AREA_LOCALITY_CHOICES, values.locality as string, { blank: 'Not known, or from the postcode' }),
    });

  app.get('/places/new', async (request, reply) => {
    authorise(request.ctx(), 'outside.record');
    return formPage(reply, 'new', { idempotencyKey: idempotencyKeyOf() });
  });

  app.post('/places/new', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'outside.record');
    const form = readDatedForm(formOf(request), NEW_FORM);
    if (!form.parsed.success || form.errors.summary.length) return formPage(reply, 'new', form.values, form.errors);
    const { id } = await createPlace(ctx, { ...form.parsed.data, idempotencyKey: String(form.values.idempotencyKey) });
    return reply.redirect(`/places/${id}`, 303);
  });

  app.get('/places/:id', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'outside.view');
    const id = uuidParam(request.params);
    const errors = noErrors();
    const period = parseDateRange(request.query ?? {}, errors);
    const page = await placePage(ctx, id, errors.summary.length ? { from: null, to: null } : period);
    return reply.status(errors.summary.length ? 400 : 200).page(placesView('place'), {
      title: page.place.name, section: SECTION, ...page, period, errors, codes, localityName,
    });
  });

  app.get('/places/:id/edit', async (request, reply) => {
    const place = await placeFor(request.ctx(), uuidParam(request.params), 'outside.record');
    return formPage(reply, 'edit', {
      name: place.name, kind: place.kind, locality: place.locality ?? '', postcode: place.postcode ?? '', description: place.description, closedOn: dateParts(place.closed_on), version: place.version,
    }, noErrors(), place);
  });

  app.post('/places/:id/edit', async (request, reply) => {
    const ctx = request.ctx();
    const place = await placeFor(ctx, uuidParam(request.params), 'outside.record');
    const form = readDatedForm(formOf(request), EDIT_FORM);
    const back = { backHref: `/places/${place.id}`, backText: 'Back to the place', section: SECTION, entered: form.entered };
    return guarded(reply, back, async () => {
      if (!form.parsed.success || form.errors.summary.length) return formPage(reply, 'edit', form.values, form.errors, place);
      try {
        await editPlace(ctx, place.id, form.parsed.data);
      } catch (error) {
        if (error instanceof FieldProblem) return formPage(reply, 'edit', form.values, addError(noErrors(), error.field === 'closedOn' ? 'closedOn-day' : error.field, error.message), place);
        throw error;
      }
      return reply.redirect(`/places/${place.id}`, 303);
    });
  });

  await app.register(incidentRoutes);
});
