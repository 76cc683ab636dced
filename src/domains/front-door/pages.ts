import type { FastifyReply, FastifyRequest } from 'fastify';
import { CLOCK_LABELS } from '../../platform/calendar/clocks.ts';
import type { FormBody } from '../../platform/views/form-fields.ts';
import { CHECK_STATUS, CONSENT, CONTACT_SOURCES, HOUSEHOLD_RELATIONSHIPS, OUTCOMES, PRESENTING_NEEDS, STATUS, STATUS_COLOUR, URGENCY_SHORT } from './codes.ts';

export const view = (name: string) => `domains/front-door/views/${name}.njk`;

/** Words every front door page uses for codes. */
export const labels = {
  source: CONTACT_SOURCES,
  needs: PRESENTING_NEEDS,
  consent: CONSENT,
  urgency: URGENCY_SHORT,
  outcome: OUTCOMES,
  status: STATUS,
  statusColour: STATUS_COLOUR,
  checkStatus: CHECK_STATUS,
  relationship: HOUSEHOLD_RELATIONSHIPS,
  clock: CLOCK_LABELS,
};

const FLASH: Record<string, string> = {
  created: 'Contact sent to the front door',
  allocated: 'Contact allocated',
  checks: 'Checks requested',
  withdrawn: 'Check withdrawn',
  decided: 'Decision recorded and sent to a manager for sign-off',
  signed: 'Decision signed off',
  returned: 'Decision returned to the practitioner',
  responded: 'Response sent to the front door',
};
export const flashOf = (request: FastifyRequest) => Object.entries(FLASH).find(([k]) => k in (request.query as object))?.[1];

export const formBody = (request: FastifyRequest) => (request.body ?? {}) as FormBody;

/** "Changed by someone else" or an action that no longer applies: said plainly, with the way back. */
export function conflict(reply: FastifyReply, contactId: string, message: string) {
  const title = message.startsWith('Someone else') ? 'This contact was changed by someone else' : 'This cannot be done now';
  return reply.status(409).page(view('conflict'), { title, section: 'contacts', message, back: { href: `/contacts/${contactId}`, text: 'Return to the contact' } });
}
