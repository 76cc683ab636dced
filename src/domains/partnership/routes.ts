import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type Actor, can } from '../../platform/access/rules.ts';

/**
 * The partnership's own work on quality and governance, one page to start from: what each part is for, shown only
 * where the user has something to do or see there. Training is everyone's; the rest follows the access rules.
 */
export function partnershipAreas(user: Actor): { href: string; title: string; description: string }[] {
  const may = (...actions: Parameters<typeof can>[1][]) => actions.some((action) => can(user, action).allowed);
  const areas = [
    { show: may('partnership.manage', 'quality.view', 'audits.answer'), href: '/audits', title: 'Multi-agency case audits', description: 'Themed audits of a sample of cases: each agency answers for its part, then moderation, findings, grades and actions.' },
    { show: may('partnership.manage', 'quality.view', 'section11.answer'), href: '/section-11', title: 'Section 11 self-assessment', description: 'Each agency rates itself against the safeguarding standards, with evidence; challenge day and the partnership summary.' },
    { show: true, href: '/training', title: 'Training', description: 'The partnership’s multi-agency courses: book a place, evaluate a course you attended, and say later what changed in your practice.' },
    { show: may('partnership.manage', 'quality.view'), href: '/surveys', title: 'Surveys', description: 'Surveys of children, young people and practitioners, and their results.' },
    { show: !may('partnership.manage', 'quality.view'), href: '/surveys/to-answer', title: 'Surveys for you to answer', description: 'The partnership’s surveys of practitioners that are open now: tell the board how things are for you.' },
    { show: may('partnership.manage'), href: '/practice-tools', title: 'Practice tools', description: 'The scored tools practitioners use with families, such as the Quality of Care assessment and distance travelled.' },
    { show: may('partnership.manage', 'quality.view'), href: '/board', title: 'Board business', description: 'Members, meetings and attendance, decisions, budget contributions, the business plan and the sub-groups’ work.' },
  ];
  return areas.filter((a) => a.show).map(({ show: _, ...area }) => area);
}

export const partnershipRoutes = fp(async (app: FastifyInstance) => {
  app.get('/partnership', async (request, reply) => {
    return reply.page('domains/partnership/views/hub.njk', { title: 'Partnership', section: 'partnership', areas: partnershipAreas(request.ctx().actor) });
  });
});
