import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { can } from '../../platform/access/rules.ts';
import { personIndexFigures } from './service.ts';

export const figuresRoutes = fp(async (app: FastifyInstance) => {
  app.get('/figures', async (request, reply) => {
    const figures = await personIndexFigures(request.ctx());
    const numeric = (value: unknown) => ({ text: String(value), format: 'numeric' });
    return reply.page('domains/figures/views/person-index.njk', {
      title: 'Person index in figures',
      section: 'dataset',
      typeRows: figures.byType.map((row) => [{ text: row.label }, numeric(row.count)]),
      ageRows: figures.childrenByAge.map((row) => [{ text: row.band }, ...row.cells.map(numeric)]),
    });
  });

  /** Each role starts where its work is: casework at its work inbox, the partnership dataset for analysts and the board. */
  app.get('/', async (request, reply) => {
    const user = request.user;
    if (!user) return reply.redirect('/sign-in');
    if (can(user, 'person.search').allowed) return reply.redirect('/work');
    if (can(user, 'users.manage').allowed) return reply.redirect('/admin/users');
    if (can(user, 'partnership.manage').allowed) return reply.redirect('/partnership');
    return reply.redirect('/dataset');
  });
});
