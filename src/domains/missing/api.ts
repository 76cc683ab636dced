import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorisePerson } from '../../platform/access/authorise.ts';
import { MISSING_KINDS } from './labels.ts';
import { stateOf } from './machine.ts';
import * as repo from './repository.ts';
import { recordReturn, reportMissing } from './service.ts';

const tags = ['Missing'];
const idParams = z.object({ id: z.uuid({ error: 'The id must be a UUID' }) });
const moment = z.iso.datetime({ offset: true, error: 'Send an ISO 8601 date and time with its offset, like 2026-10-25T01:30:00+01:00' });

const episodeDto = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  MISSING: z.enum(['M', 'A']).describe('903 MISSING: M missing (whereabouts unknown), A away without authorisation'),
  MIS_START: z.string().describe('903 MIS_START: the UK date the episode started'),
  MIS_END: z.string().nullable().describe('903 MIS_END: the UK date it ended, null while open'),
  startedAt: z.string(),
  reportedAt: z.string(),
  returnedAt: z.string().nullable(),
  foundWhere: z.string().nullable(),
  riskLevel: z.enum(['low', 'medium', 'high']),
  inCare: z.boolean(),
  state: z.enum(['missing', 'returned', 'offered', 'accepted', 'declined', 'completed']),
  interviewDueAt: z.string().nullable().describe('72 hours after the return'),
  interviewOfferedAt: z.string().nullable(),
  interviewAccepted: z.boolean().nullable(),
  interviewCompletedAt: z.string().nullable(),
  version: z.number().int().describe('Send this when recording the return'),
});

const ukDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(d);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toDto(e: repo.EpisodeRow): z.infer<typeof episodeDto> {
  return {
    id: e.id,
    personId: e.person_id,
    MISSING: MISSING_KINDS[e.kind].code,
    MIS_START: ukDay(e.started_at),
    MIS_END: e.returned_at ? ukDay(e.returned_at) : null,
    startedAt: e.started_at.toISOString(),
    reportedAt: e.reported_at.toISOString(),
    returnedAt: iso(e.returned_at),
    foundWhere: e.found_where,
    riskLevel: e.risk_level,
    inCare: e.in_care,
    state: stateOf(e),
    interviewDueAt: iso(e.interview_due_at),
    interviewOfferedAt: iso(e.interview_offered_at),
    interviewAccepted: e.interview_accepted,
    interviewCompletedAt: iso(e.interview_completed_at),
    version: e.version,
  };
}

const reportBody = z.object({
  MISSING: z.enum(['M', 'A'], { error: 'MISSING must be M (whereabouts unknown) or A (away without authorisation)' }),
  startedAt: moment,
  reportedAt: moment.optional().describe('Defaults to now'),
  reportedByAgencyId: z.uuid().optional().describe('Defaults to the caller’s agency'),
  riskLevel: z.enum(['low', 'medium', 'high']),
  circumstances: z.string().trim().min(1).max(5000),
});

const returnBody = z.object({ returnedAt: moment, foundWhere: z.string().trim().min(1).max(500), version: z.number().int().positive() });

/** Missing episodes in the JSON API (police systems report this way): the same access, audit and rules as the pages. */
export const missingApi = async (base: FastifyInstance) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/people/:id/missing',
    { schema: { tags, summary: 'A child’s missing and absent episodes, newest first, in 903 terms', params: idParams, response: { 200: z.object({ episodes: z.array(episodeDto) }) } } },
    async (request) => {
      const ctx = request.ctx();
      await authorisePerson(ctx, request.params.id, 'person.view');
      return { episodes: (await repo.episodesOf(ctx.db, request.params.id)).map(toDto) };
    },
  );

  app.post(
    '/people/:id/missing',
    {
      schema: {
        tags,
        summary: 'Report a child missing or absent',
        description: 'One open episode per child: 409 if the child is already missing. Repeat a request with the same Idempotency-Key to get the episode it created.',
        params: idParams,
        body: reportBody,
        headers: z.object({ 'idempotency-key': z.uuid().optional().describe('A UUID; a repeat with the same key returns the first episode') }),
        response: { 201: episodeDto, 200: episodeDto },
      },
    },
    async (request, reply) => {
      const ctx = request.ctx();
      const b = request.body;
      const result = await reportMissing(ctx, request.params.id, {
        kind: b.MISSING === 'M' ? 'missing' : 'absent',
        startedAt: new Date(b.startedAt),
        reportedAt: b.reportedAt ? new Date(b.reportedAt) : new Date(),
        reportedByAgencyId: b.reportedByAgencyId ?? ctx.actor.agencyId,
        riskLevel: b.riskLevel,
        circumstances: b.circumstances,
        idempotencyKey: request.headers['idempotency-key'] ?? null,
      });
      return reply.status(result.replayed ? 200 : 201).send(toDto((await repo.findEpisode(ctx.db, result.id))!));
    },
  );

  app.post(
    '/missing/:id/return',
    {
      schema: {
        tags,
        summary: 'Record a child’s return: starts the 72-hour return home interview clock',
        description: 'Send the episode version you read; 409 if it changed since or the child has already returned.',
        params: idParams,
        body: returnBody,
        response: { 200: episodeDto },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      await recordReturn(ctx, request.params.id, { ...request.body, returnedAt: new Date(request.body.returnedAt) });
      return toDto((await repo.findEpisode(ctx.db, request.params.id))!);
    },
  );
};
