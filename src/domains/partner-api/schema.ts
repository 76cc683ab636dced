import { z } from 'zod';
import { addMonths, ukToday } from '../../platform/calendar/working-days.ts';
import { SCOPE_NAMES } from './scopes.ts';
import { WEBHOOK_EVENTS, type WebhookEvent } from './service-webhooks.ts';

/** The longest a token may last: a partner's system is asked to take a new one at least once a year. */
export const MAX_TOKEN_MONTHS = 12;

const name = (what: string) => z.string().trim().min(1, `Enter the name of the ${what}`).max(100, `The name must be 100 characters or fewer`);
const agencyId = (message: string) => z.uuid({ error: message });

export const newTokenForm = z
  .object({
    name: name('system that will use the token'),
    agencyId: agencyId('Select the agency the system acts for'),
    scopes: z.array(z.enum(SCOPE_NAMES as [string, ...string[]])).min(1, 'Select at least one thing the system may do'),
    expiresOn: z.string({ error: 'Enter the last day the token works' }).min(1, 'Enter the last day the token works'),
    idempotencyKey: z.string(),
  })
  .superRefine((v, ctx) => {
    if (!v.expiresOn) return;
    const today = ukToday();
    if (v.expiresOn < today) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'The last day the token works must be today or in the future' });
    else if (v.expiresOn > addMonths(today, MAX_TOKEN_MONTHS)) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: `The last day the token works must be within ${MAX_TOKEN_MONTHS} months of today` });
  });

export const newWebhookForm = z.object({
  name: name('system that receives the events'),
  agencyId: agencyId('Select the agency whose events it receives'),
  url: z.string().trim().min(1, 'Enter the web address events are sent to').max(2000, 'The web address must be 2,000 characters or fewer'),
  events: z.array(z.enum(Object.keys(WEBHOOK_EVENTS) as [WebhookEvent, ...WebhookEvent[]])).min(1, 'Select at least one event'),
  idempotencyKey: z.string(),
});

export const versionField = z.coerce.number().int().min(1);
