import type { FastifyReply, FastifyRequest } from 'fastify';
import { guarded, type Refusal } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';

/** Helpers the referral, assessment and plan pages share. */

export const view = (name: string) => `domains/referrals/views/${name}.njk`;
export const SECTION = 'social-care';
export const idOf = (request: FastifyRequest, name = 'id') => uuidParam(request.params, name);
export const episodeHref = (id: string) => `/referrals/${id}`;
export const assessmentHref = (id: string) => `/assessments/${id}`;
export const planHref = (id: string) => `/cin-plans/${id}`;

/** A 409 shown as a page that leads back to the record, keeping what was typed when someone else changed it. */
export const refused = (reply: FastifyReply, backHref: string, backText: string, work: () => Promise<unknown>, entered: Refusal['entered'] = []) =>
  guarded(reply, { backHref, backText, section: SECTION, entered }, work);
