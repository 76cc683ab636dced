import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { authorise } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { CLOCK_LABELS } from '../../platform/calendar/clocks.ts';
import { headerCounts } from './header-count.ts';
import { isManager, workList } from './service.ts';

const TAGS = { ...CLOCK_LABELS, info: { text: 'To note', colour: 'grey' } };

export const inboxRoutes = fp(async (app: FastifyInstance) => {
  const counts = headerCounts();
  app.addHook('preHandler', async (request) => {
    const user = request.user;
    if (request.method !== 'GET' || !user || request.isApi || !can(user, 'contact.create').allowed) return;
    request.workCounts = await counts.read(request.ctx());
  });
  // Any change may add or finish someone's work: counts are read afresh after it.
  app.addHook('onResponse', async (request) => {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) counts.forget();
  });

  app.get('/work', async (request, reply) => {
    const ctx = request.ctx();
    // Anyone who works with children has work; figures-only roles are refused here as everywhere else.
    authorise(ctx, 'contact.create');
    const scope = (request.query as { scope?: unknown }).scope === 'team' ? 'team' : 'mine';
    const work = await workList(ctx, scope);
    const groups = (['overdue', 'due', 'on_track', 'info'] as const)
      .map((status) => ({ status, heading: { overdue: 'Overdue', due: 'Due today or next working day', on_track: 'Coming up', info: 'To note' }[status], items: work.items.filter((i) => i.status === status) }))
      .filter((g) => g.items.length);
    return reply.page('domains/inbox/views/work.njk', {
      title: work.scope === 'team' ? 'Your team’s work' : 'Your work',
      section: 'work',
      work,
      groups,
      tags: TAGS,
      canSeeTeam: isManager(ctx.actor),
      unreadAlerts: request.unreadAlerts,
    });
  });
});
