import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { isFrontDoor } from './access.ts';
import { contactListQuery, createContactBody, outcomeValues } from './schema.ts';
import * as service from './service.ts';

const tags = ['Contacts'];
const statusValues = ['awaiting_decision', 'awaiting_sign_off', 'decided'] as const;

const childDto = z.object({ personId: z.uuid(), name: z.string().nullable().describe('Null when you may not open this child’s record') });

const contactDto = z.object({
  id: z.uuid(),
  receivedAt: z.string(),
  source: z.string(),
  urgency: z.enum(['immediate', 'same_day', 'standard']),
  madeByAgency: z.string(),
  status: z.enum(statusValues).describe('Partners see awaiting_decision until the decision is signed off'),
  outcome: z.enum(outcomeValues).nullable().describe('Once the decision is signed off'),
  decidedAt: z.string().nullable(),
  children: z.array(childDto),
  frontDoor: z
    .object({
      decisionDue: z.string(),
      clock: z.enum(['overdue', 'due', 'on_track']).nullable(),
      daysOverdue: z.number().int(),
      recontactWithin12Months: z.boolean(),
      allocatedTo: z.object({ id: z.uuid(), name: z.string() }).nullable(),
      level: z.number().int().nullable(),
    })
    .nullable()
    .describe('Front door staff only'),
});

const recordDto = contactDto.extend({
  record: z
    .object({
      referrer: z.object({ name: z.string(), role: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }),
      reason: z.string(),
      presentingNeeds: z.array(z.string()),
      consent: z.enum(['given', 'not_given', 'overridden']),
      consentOverrideReason: z.string().nullable(),
      household: z.array(childDto.extend({ relationship: z.string().nullable() })),
      earlyHelpCaseId: z.uuid().nullable(),
      checks: z.array(
        z.object({ id: z.uuid(), agency: z.string(), question: z.string(), status: z.enum(['requested', 'responded', 'withdrawn']), response: z.string().nullable(), requestedAt: z.string(), respondedAt: z.string().nullable() }),
      ),
      decision: z
        .object({ level: z.number().int(), outcome: z.enum(outcomeValues), reasons: z.string(), decidedBy: z.string().nullable(), signedOffBy: z.string().nullable(), signedOffAt: z.string().nullable() })
        .nullable(),
      returnedComment: z.string().nullable(),
    })
    .nullable()
    .describe('The whole contact: front door staff only'),
});

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

type Listed = service.ListedContact;
function toDto(ctx: RequestContext, c: Listed | (service.ContactPage['contact'] & { people: Listed['people']; clock: Listed['clock']; recontact: boolean })) {
  const full = isFrontDoor(ctx.actor);
  return {
    id: c.id,
    receivedAt: iso(c.received_at)!,
    source: c.source,
    urgency: c.urgency,
    madeByAgency: c.agency_name,
    status: full || c.status === 'decided' ? c.status : ('awaiting_decision' as const),
    outcome: c.status === 'decided' ? c.decision_outcome : null,
    decidedAt: c.status === 'decided' ? iso(c.signed_off_at) : null,
    children: c.people.filter((p) => p.role === 'child').map((p) => ({ personId: p.id, name: p.name })),
    frontDoor: full
      ? {
          decisionDue: c.decision_due,
          clock: c.clock?.status ?? null,
          daysOverdue: c.clock?.daysOverdue ?? 0,
          recontactWithin12Months: c.recontact,
          allocatedTo: c.allocated_to ? { id: c.allocated_to, name: c.allocated_name ?? '' } : null,
          level: c.decision_level,
        }
      : null,
  };
}

const idempotencyHeaders = z.object({
  'idempotency-key': z.string().min(8).max(200).optional().describe('Repeat a request with the same key to get the contact it created rather than a second one'),
});

const duplicatesProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.literal(409),
  detail: z.string(),
  possibleDuplicates: z.array(z.object({ id: z.uuid(), name: z.string(), personType: z.string(), dateOfBirth: z.string().nullable(), expectedDateOfDelivery: z.string().nullable(), nhsNumber: z.string().nullable() })),
});

/** Reads a contact as the API shows it to this actor: status and outcome, or the whole record for the front door. */
async function contactRecord(ctx: RequestContext, id: string) {
  const page = await service.contactPage(ctx, id);
  const c = page.contact;
  const dto = toDto(ctx, { ...c, people: page.people, clock: page.clock, recontact: page.children.some((x) => x.recontact) });
  if (page.view !== 'full') return { ...dto, record: null };
  return {
    ...dto,
    record: {
      referrer: { name: c.referrer_name, role: c.referrer_role, phone: c.referrer_phone, email: c.referrer_email },
      reason: c.reason,
      presentingNeeds: c.presenting_needs,
      consent: c.consent,
      consentOverrideReason: c.consent_override_reason,
      household: page.household.map((p) => ({ personId: p.id, name: p.name, relationship: p.relationship })),
      earlyHelpCaseId: c.early_help_case_id,
      checks: page.checks.map((k) => ({ id: k.id, agency: k.agency_name, question: k.question, status: k.status, response: k.response, requestedAt: iso(k.requested_at)!, respondedAt: iso(k.responded_at) })),
      decision:
        c.decision_level && c.decision_outcome && c.status !== 'awaiting_decision'
          ? { level: c.decision_level, outcome: c.decision_outcome, reasons: c.decision_reasons ?? '', decidedBy: c.decided_by_name, signedOffBy: c.signed_off_by_name, signedOffAt: iso(c.signed_off_at) }
          : null,
      returnedComment: c.status === 'awaiting_decision' ? c.returned_comment : null,
    },
  };
}

/**
 * Contacts in /api/v1, for a partner system (a school's safeguarding system) to submit contacts and follow their
 * progress, and for the front door's own tools: the same rules, access checks and audit as the pages.
 */
// Not wrapped in fastify-plugin: the /api/v1 prefix it is registered with must apply to these routes.
export const frontDoorApi = async (base: FastifyInstance) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/contacts',
    {
      schema: {
        tags,
        summary: 'Submit a contact (a concern about one or more children)',
        description:
          'Children and household members are given by personId, or as person details to add to the person index. New people are checked for duplicates first: 409 lists possible existing records; send confirmedNotDuplicate: true after checking them. Send an Idempotency-Key header so a retry never makes a second contact.',
        body: createContactBody,
        headers: idempotencyHeaders,
        response: { 200: recordDto, 201: recordDto, 409: duplicatesProblem },
      },
    },
    async (request, reply) => {
      const ctx = request.ctx();
      const outcome = await service.submitContact(ctx, request.body, request.headers['idempotency-key'] ?? null);
      if (outcome.outcome === 'possible_duplicates') {
        return reply.status(409).type('application/problem+json').send({
          type: 'about:blank',
          title: 'Someone on this contact may already have a record',
          status: 409,
          detail: 'Check these records: give a personId for anyone who is already there. If the new people are different people, send the request again with confirmedNotDuplicate: true.',
          possibleDuplicates: outcome.duplicates,
        });
      }
      const record = await contactRecord(ctx, outcome.id);
      return reply.status(outcome.outcome === 'created' ? 201 : 200).header('location', `/api/v1/contacts/${outcome.id}`).send(record);
    },
  );

  app.get(
    '/contacts',
    {
      schema: {
        tags,
        summary: 'Contacts: the front door queue, or the contacts your agency made',
        description: 'Front door staff get the queue (filter by status and allocatedTo). Everyone else gets the contacts their agency made, newest first, with status and outcome.',
        querystring: contactListQuery,
        response: { 200: z.object({ contacts: z.array(contactDto) }) },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      const status = request.query.status ?? 'open';
      if (isFrontDoor(ctx.actor)) {
        const queue = await service.frontDoorQueue(ctx, { status, allocatedTo: request.query.allocatedTo ?? null });
        return { contacts: queue.contacts.map((c) => toDto(ctx, c)) };
      }
      const contacts = await service.agencyContacts(ctx, request.query.status ?? 'all');
      return { contacts: contacts.map((c) => toDto(ctx, c)) };
    },
  );

  app.get(
    '/contacts/:id',
    { schema: { tags, summary: 'A contact: its status and outcome, or the whole record for front door staff', params: z.object({ id: z.uuid({ error: 'The contact id must be a UUID' }) }), response: { 200: recordDto } } },
    async (request) => contactRecord(request.ctx(), request.params.id),
  );
};
