import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { PURPOSE_CODES } from './codes.ts';
import { visitFields } from './schema.ts';
import { socialCareRecord } from './service-record.ts';
import { recordVisit } from './service-visits.ts';

const tags = ['Children’s social care'];
const idParams = z.object({ id: z.uuid({ error: 'The id must be a UUID' }) });

const visitDto = z.object({ id: z.uuid(), date: z.string(), purpose: z.enum(PURPOSE_CODES), childSeen: z.boolean(), seenAlone: z.boolean(), visitedBy: z.string() });
const recordDto = z.object({
  allocation: z.object({ workerId: z.uuid(), workerName: z.string(), since: z.string() }).nullable(),
  allocations: z.array(z.object({ worker: z.string(), from: z.string(), to: z.string().nullable(), reason: z.string().describe('903 SW_REASON code') })),
  sections: z.array(z.object({ title: z.string(), status: z.string(), rows: z.array(z.object({ label: z.string(), value: z.string(), due: z.string().nullable(), clock: z.enum(['overdue', 'due', 'on_track']).nullable() })) })),
  visits: z.array(visitDto).describe('The latest five visits, newest first'),
});

/** The child's social care record and visits in the JSON API: the same access and audit as the pages. */
export const caseworkApi = async (base: FastifyInstance) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  const record = async (ctx: Parameters<typeof socialCareRecord>[0], personId: string): Promise<z.infer<typeof recordDto>> => {
    const r = await socialCareRecord(ctx, personId);
    return {
      allocation: r.allocation ? { workerId: r.allocation.workerId, workerName: r.allocation.workerName, since: r.allocation.startDate } : null,
      allocations: r.history.map((h) => ({ worker: h.workerName, from: h.start_date, to: h.end_date, reason: h.reason })),
      sections: r.sections.map((s) => ({ title: s.title, status: s.status, rows: s.rows.map((row) => ({ label: row.label, value: row.value, due: row.clock?.due ?? null, clock: row.clock?.status ?? null })) })),
      visits: r.visits.map((v) => ({ id: v.id, date: v.visit_date, purpose: v.purpose, childSeen: v.child_seen, seenAlone: v.seen_alone, visitedBy: v.visitedBy })),
    };
  };

  app.get(
    '/people/:id/social-care',
    { schema: { tags, summary: 'A child’s social care record: who holds the case, what is open, the latest visits', params: idParams, response: { 200: recordDto } } },
    async (request) => record(request.ctx(), request.params.id),
  );

  app.post(
    '/people/:id/visits',
    {
      schema: {
        tags,
        summary: 'Record a statutory visit to a child',
        description: 'Children’s social care staff only. Repeat a request with the same Idempotency-Key to get the visit it created.',
        params: idParams,
        body: visitFields,
        headers: z.object({ 'idempotency-key': z.uuid().optional().describe('A UUID; a repeat with the same key records the visit once') }),
        response: { 201: z.object({ id: z.uuid() }), 200: z.object({ id: z.uuid() }) },
      },
    },
    async (request, reply) => {
      const result = await recordVisit(request.ctx(), request.params.id, { ...request.body, idempotencyKey: request.headers['idempotency-key'] ?? uuidv7() });
      return reply.status(result.replayed ? 200 : 201).send({ id: result.id });
    },
  );
};
