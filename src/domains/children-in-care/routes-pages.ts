import type { FastifyInstance } from 'fastify';
import { CLOCK_LABELS } from '../../platform/calendar/clocks.ts';
import { LEGAL_STATUSES, NEW_EPISODE_REASONS, PLACEMENT_CHANGE_REASONS, EPISODE_CEASED_REASONS, PLACEMENT_PROVIDERS, PLACEMENT_TYPES, REVIEW_PARTICIPATION } from '../../platform/codes/ssda903.ts';
import { PRIMARY_NEEDS } from '../../platform/codes/cin.ts';
import { UUID } from '../../platform/http/params.ts';
import { text } from '../../platform/views/form-fields.ts';
import { CARE_LABEL, CHECK_KINDS, SECTION, view } from './labels.ts';
import { periodIdOf, personIdOf } from './routes-support.ts';
import { childrenInCare, periodView, personCare } from './service-view.ts';

/** Code sets and clock labels every care page reads its words from. */
const codes = {
  legalStatuses: LEGAL_STATUSES,
  placementTypes: PLACEMENT_TYPES,
  providers: PLACEMENT_PROVIDERS,
  newEpisode: NEW_EPISODE_REASONS,
  ceased: EPISODE_CEASED_REASONS,
  placeChange: PLACEMENT_CHANGE_REASONS,
  participation: REVIEW_PARTICIPATION,
  needs: PRIMARY_NEEDS,
  checkKinds: CHECK_KINDS,
  clocks: CLOCK_LABELS,
};

/** The children in care list, a child's care record, and one period of care. */
export const pageRoutes = async (app: FastifyInstance) => {
  app.get('/children-in-care', async (request, reply) => {
    const ctx = request.ctx();
    const worker = text(request.query, 'worker');
    const workerId = UUID.test(worker) ? worker : null;
    const list = await childrenInCare(ctx, { workerId });
    return reply.page(view('list'), { title: CARE_LABEL.plural, section: SECTION, label: CARE_LABEL, ...list, workerId, codes });
  });

  app.get('/people/:id/care', async (request, reply) => {
    const care = await personCare(request.ctx(), personIdOf(request));
    return reply.page(view('person'), { title: `${CARE_LABEL.plural}: ${care.heading.givenName} ${care.heading.familyName}`, section: SECTION, label: CARE_LABEL, ...care, codes });
  });

  app.get('/care/:id', async (request, reply) => {
    const v = await periodView(request.ctx(), periodIdOf(request));
    return reply.page(view('period'), { title: `Period of care: ${v.heading.givenName} ${v.heading.familyName}`, section: SECTION, label: CARE_LABEL, v, codes });
  });
};
