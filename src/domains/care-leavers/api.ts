import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../platform/http/errors.ts';
import { careLeaverOfPerson, careLeaverPage } from './service-record.ts';

const tags = ['Care leavers'];
const idParams = z.object({ id: z.uuid({ error: 'The id must be a UUID' }) });
const clock = z.object({ due: z.string(), status: z.enum(['overdue', 'due', 'on_track']) }).nullable();

const careLeaverDto = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  eligibility: z.enum(['eligible', 'relevant', 'former_relevant', 'qualifying']),
  personalAdviser: z.string().nullable(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  closedReason: z.string().nullable(),
  age: z.number().int().nullable(),
  pathwayPlanDue: clock.describe('The first plan by 16 years 3 months, then reviews every 6 months'),
  contactDue: clock.describe('Keeping in touch every 8 weeks'),
  pathwayPlans: z.array(z.object({ planDate: z.string(), nextReviewDue: z.string(), accommodation: z.string().nullable(), activity: z.string().nullable(), summary: z.string() })),
  contacts: z.array(z.object({ contactDate: z.string(), IN_TOUCH: z.string(), ACCOM: z.string().nullable(), ACTIV: z.string().nullable() })),
  oc3: z.array(z.object({ age: z.number().int(), birthday: z.string(), windowFrom: z.string(), windowTo: z.string(), status: z.enum(['recorded', 'due', 'missed', 'upcoming']), contactDate: z.string().nullable() })).describe('The 903 OC3 birthdays: the contact nearest each birthday within 3 months either side'),
  version: z.number().int(),
});

type Page = Awaited<ReturnType<typeof careLeaverPage>>;
function toDto(p: Page): z.infer<typeof careLeaverDto> {
  return {
    id: p.row.id,
    personId: p.row.person_id,
    eligibility: p.row.eligibility,
    personalAdviser: p.adviser,
    openedOn: p.row.opened_on,
    closedOn: p.row.closed_on,
    closedReason: p.row.closed_reason,
    age: p.age,
    pathwayPlanDue: p.planClock,
    contactDue: p.contactClock,
    pathwayPlans: p.plans.map((x) => ({ planDate: x.plan_date, nextReviewDue: x.next_review_due, accommodation: x.accommodation, activity: x.activity, summary: x.summary })),
    contacts: p.contacts.map((c) => ({ contactDate: c.contact_date, IN_TOUCH: c.in_touch, ACCOM: c.accommodation, ACTIV: c.activity })),
    oc3: p.windows.map((w) => ({ age: w.age, birthday: w.birthday, windowFrom: w.from, windowTo: w.to, status: w.status, contactDate: w.contact?.contact_date ?? null })),
    version: p.row.version,
  };
}

/** Care leaver records in the JSON API: the same access and audit as the pages. */
export const careLeaverApi = async (base: FastifyInstance) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/care-leavers/:id',
    { schema: { tags, summary: 'A care leaver record: status, personal adviser, pathway plans, keeping in touch and OC3 birthdays', params: idParams, response: { 200: careLeaverDto } } },
    async (request) => toDto(await careLeaverPage(request.ctx(), request.params.id)),
  );
  app.get(
    '/people/:id/care-leaver',
    { schema: { tags, summary: 'A young person’s care leaver record (404 when they have none)', params: idParams, response: { 200: careLeaverDto } } },
    async (request) => {
      const ctx = request.ctx();
      const row = await careLeaverOfPerson(ctx, request.params.id);
      if (!row) throw new NotFoundError('This young person has no care leaver record.');
      return toDto(await careLeaverPage(ctx, row.id));
    },
  );
};
