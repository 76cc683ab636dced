import type { FastifyRequest } from 'fastify';
import { uuidParam } from '../../platform/http/params.ts';
import type { Refusal } from '../../platform/http/forms.ts';
import { text } from '../../platform/views/form-fields.ts';
import { periodHref, SECTION } from './labels.ts';

/** What the care pages share: ids from paths, the placement fields, refusal pages. */

export const periodIdOf = (request: FastifyRequest) => uuidParam(request.params);
export const personIdOf = (request: FastifyRequest) => uuidParam(request.params);

/** The placement fields as typed, kept when the form is shown again. */
export const placementValues = (body: unknown) => ({
  legalStatus: text(body, 'legalStatus'),
  placementType: text(body, 'placementType'),
  placementProvider: text(body, 'placementProvider'),
  carerName: text(body, 'carerName'),
  urn: text(body, 'urn'),
  placementPostcode: text(body, 'placementPostcode'),
  homePostcode: text(body, 'homePostcode'),
});

/** A refused change (someone else changed the period, or its state does not allow it) leads back to the period. */
export const backToPeriod = (periodId: string, entered: Refusal['entered'] = []): Refusal => ({ backHref: periodHref(periodId), backText: 'Go back to the period of care', section: SECTION, entered });
