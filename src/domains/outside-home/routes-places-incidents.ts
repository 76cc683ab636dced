import type { FastifyInstance, FastifyReply } from 'fastify';
import { mayViewPerson, viewablePeople } from '../../platform/access/authorise.ts';
import { codeItems, formOf, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { momentField, momentParts } from '../missing/form-moments.ts';
import { dropField } from '../missing/routes-report.ts';
import { handleWhoStep, type Picked, pickedParts, readPicked, type WhoPage, type WhoStep, whoView } from '../people/who-step.ts';
import { recordIncident } from './places-incidents.ts';
import { INFORMATION_SOURCES, placesView, RECORDABLE_INCIDENT_KINDS, SECTION } from './places-labels.ts';
import { incidentFields } from './places-schema.ts';
import { placeFor } from './places-service.ts';
import type { PlaceRow } from './places-repository.ts';

/** Who an incident involved: children, and adults of concern, found in the person index or added to it. */
const WHO: WhoStep = {
  parts: [
    {
      key: 'child', adult: false, many: true, heading: 'Children involved', role: 'A child involved', pick: 'as a child involved',
      empty: 'None yet. Each child’s chronology will say only that they were linked to this place, never who else was there.',
    },
    { key: 'adult', adult: true, many: true, heading: 'Adults involved (optional)', role: 'An adult involved', pick: 'as an adult involved', empty: 'None.' },
  ],
  findHeading: 'Find a child or an adult',
  roleLegend: 'Who are they in what happened?',
};

const DETAIL_FIELDS = ['kind', 'source', 'summary'] as const;

/**
 * Recording an incident or sighting at a place: first who was involved (only people the user may see are offered
 * or accepted), then what happened, when and where the information came from.
 */
export async function incidentRoutes(app: FastifyInstance) {
  const path = (place: PlaceRow) => `/places/${place.id}/incidents/new`;

  const whoPage = async (reply: FastifyReply, place: PlaceRow, picked: Picked, idempotencyKey: string, page: WhoPage = {}) => {
    const ctx = reply.request.ctx();
    // Search shows enough to recognise people the user may not open; only those they may open can be linked.
    const visible: WhoPage = page.results ? { ...page, results: page.results.filter((r) => r.canOpen) } : page;
    const who = await whoView(ctx, WHO, picked, visible);
    return reply.status(page.status ?? 200).page(placesView('incident-people'), { title: 'Who was involved?', section: SECTION, place, action: path(place), idempotencyKey, who, errors: who.errors });
  };

  const detailsPage = async (reply: FastifyReply, place: PlaceRow, picked: Picked, values: Record<string, unknown>, errors: FormErrors = noErrors()) => {
    const parts = await pickedParts(reply.request.ctx(), WHO, picked);
    return reply.status(errors.summary.length ? 400 : 200).page(placesView('incident-details'), {
      title: 'What happened?', section: SECTION, place, action: path(place), parts, values, errors,
      kindItems: codeItems(RECORDABLE_INCIDENT_KINDS, values.kind as string), sourceItems: codeItems(INFORMATION_SOURCES, values.source as string, { blank: 'Select where it came from' }),
    });
  };

  const readDetails = (body: FormBody) => {
    const errors = noErrors();
    const occurred = momentField(body, 'occurredAt', 'When it happened', errors);
    const values = { ...Object.fromEntries(DETAIL_FIELDS.map((f) => [f, text(body, f)])), occurredAt: occurred.input, idempotencyKey: idempotencyKeyOf(body) };
    const parsed = incidentFields.safeParse({ ...values, occurredAt: occurred.value ?? undefined });
    if (!parsed.success) zodErrors(parsed.error, errors);
    if (errors.fields['occurredAt-day'] || errors.fields['occurredAt-time']) dropField(errors, 'occurredAt');
    return { values, errors, input: parsed.success && !errors.summary.length ? parsed.data : null };
  };

  app.get('/places/:id/incidents/new', async (request, reply) => {
    const place = await placeFor(request.ctx(), uuidParam(request.params), 'outside.record');
    return whoPage(reply, place, { child: [], adult: [] }, idempotencyKeyOf());
  });

  app.post('/places/:id/incidents/new', async (request, reply) => {
    const ctx = request.ctx();
    const place = await placeFor(ctx, uuidParam(request.params), 'outside.record');
    const body = formOf(request);
    const idempotencyKey = idempotencyKeyOf(body);
    const [action = '', argument = ''] = text(body, 'action').split(':');
    // People travel in the form body: anyone the user may not open is dropped (never named back) and refused.
    const carried = readPicked(body, WHO);
    const viewable = await viewablePeople(ctx, Object.values(carried).flat());
    const kept: Picked = Object.fromEntries(Object.entries(carried).map(([key, ids]) => [key, ids.filter((id) => viewable.has(id))]));
    const dropped = Object.values(carried).flat().length !== Object.values(kept).flat().length;
    if (dropped || (WHO.parts.some((p) => p.key === action) && !(await mayViewPerson(ctx, argument)))) {
      const message = dropped ? 'You can only link people whose records you may see. Anyone else has been taken off.' : 'Choose a person from the search results';
      return whoPage(reply, place, kept, idempotencyKey, { errors: addError(noErrors(), 'searchName', message), status: 400 });
    }
    const who = await handleWhoStep(ctx, body, WHO);
    if ('page' in who) return whoPage(reply, place, who.picked, idempotencyKey, who.page);
    if (who.next === 'continue') return detailsPage(reply, place, who.picked, { occurredAt: momentParts(new Date()), idempotencyKey });
    const form = readDetails(body);
    if (!form.input) return detailsPage(reply, place, who.picked, form.values, form.errors);
    try {
      await recordIncident(ctx, place.id, { ...form.input, personIds: [...(who.picked.child ?? []), ...(who.picked.adult ?? [])], idempotencyKey });
    } catch (error) {
      if (!(error instanceof FieldProblem)) throw error;
      if (error.field === 'people') return whoPage(reply, place, who.picked, idempotencyKey, { errors: addError(noErrors(), 'searchName', error.message), status: 400 });
      return detailsPage(reply, place, who.picked, form.values, addError(noErrors(), error.field === 'occurredAt' ? 'occurredAt-day' : error.field, error.message));
    }
    return reply.redirect(`/places/${place.id}`, 303);
  });
}
