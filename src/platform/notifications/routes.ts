import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { authorise } from '../access/authorise.ts';
import { type Actor, can, isSocialCareStaff } from '../access/rules.ts';
import { ConflictError, NotFoundError } from '../http/errors.ts';
import { formOf, guarded, zodErrors } from '../http/forms.ts';
import { uuidParam } from '../http/params.ts';
import { type FormErrors, noErrors } from '../views/form-errors.ts';
import { list, text } from '../views/form-fields.ts';
import { Dispatcher, type ReminderSweep } from './dispatcher.ts';
import { outboxPage, retryMessage } from './admin.ts';
import { preferencesForm, readPreferences, savePreferences } from './preferences.ts';
import { NOTIFICATION_EVENTS, type NotificationEvent } from './tables.ts';
import { EVENT_LABELS } from './templates.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The outbox dispatcher: main.ts starts it once the server listens; closing the app (graceful shutdown) stops it. */
    notifications: Dispatcher;
  }
}

const view = (name: string) => `platform/notifications/views/${name}.njk`;
const SETTINGS = '/account/notifications';
const OUTBOX = '/admin/notifications';

/** The events that can happen to this user: allocation and step-ups are the social care front door's. */
export function eventsFor(actor: Actor): NotificationEvent[] {
  const worksCases = can(actor, 'contact.create').allowed;
  return NOTIFICATION_EVENTS.filter((event) => {
    if (event === 'case_allocated' || event === 'step_up_received') return isSocialCareStaff(actor);
    return worksCases;
  });
}

interface SettingsValues {
  events: string[];
  channel: string;
  mobile: string;
  version: string;
}

/** Everyone's notification settings page, and the administrators' outbox. `sweep` is the daily reminders' source. */
export const notificationRoutes = fp(async (app: FastifyInstance, options: { sweep?: ReminderSweep }) => {
  const dispatcher = new Dispatcher({ db: app.database.db, settings: app.config.notifications, sweep: options.sweep, log: app.log });
  app.decorate('notifications', dispatcher);
  // Stopped with the server (shutDown closes the app before the database), so a send in progress is recorded first.
  app.addHook('onClose', () => dispatcher.stop());

  const settingsPage = async (reply: FastifyReply, values: SettingsValues | null, errors: FormErrors = noErrors(), flash?: string) => {
    const ctx = reply.request.ctx();
    const offered = eventsFor(ctx.actor);
    const saved = await readPreferences(ctx.db, ctx.actor.id);
    const shown = values ?? { events: saved.events, channel: saved.channel, mobile: saved.mobile ?? '', version: String(saved.version) };
    const channels = dispatcher.channels;
    return reply.status(errors.summary.length ? 400 : 200).page(view('preferences'), {
      title: 'Notification settings',
      section: 'notification-settings',
      values: shown,
      errors,
      flash,
      email: ctx.actor.email,
      eventItems: offered.map((event) => ({ value: event, text: EVENT_LABELS[event].label, hint: { text: EVENT_LABELS[event].hint }, checked: shown.events.includes(event) })),
      emailAvailable: channels.includes('email'),
      smsAvailable: channels.includes('sms'),
    });
  };

  app.get(SETTINGS, async (request, reply) => settingsPage(reply, null, noErrors(), 'saved' in (request.query as object) ? 'Your notification settings have been saved' : undefined));

  app.post(SETTINGS, async (request, reply) => {
    const ctx = request.ctx();
    const body = formOf(request);
    const values: SettingsValues = { events: list(body, 'events'), channel: text(body, 'channel'), mobile: text(body, 'mobile'), version: text(body, 'version') };
    const offered = new Set<string>(eventsFor(ctx.actor));
    const parsed = preferencesForm.safeParse({ ...values, events: values.events.filter((e) => offered.has(e)) });
    const errors = zodErrors(parsed.success ? null : parsed.error);
    if (!parsed.success) return settingsPage(reply, values, errors);
    const entered = [
      { label: 'Tell me when', value: parsed.data.events.map((e) => EVENT_LABELS[e].label).join('; ') || 'Nothing' },
      { label: 'How', value: parsed.data.channel === 'sms' ? 'Text message' : 'Email' },
      { label: 'Mobile number', value: values.mobile },
    ];
    return guarded(reply, { backHref: SETTINGS, backText: 'Look at your notification settings as they are now', section: 'notification-settings', entered }, async () => {
      await savePreferences(ctx.db, ctx.actor.id, parsed.data);
      return reply.redirect(`${SETTINGS}?saved=1`, 303);
    });
  });

  app.get(OUTBOX, async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'integrations.manage');
    const page = await outboxPage(ctx.db, text(request.query, 'status'), dispatcher.channels);
    const flash = 'retried' in (request.query as object) ? 'The message will be sent again within a minute' : undefined;
    return reply.page(view('outbox'), { title: 'Notifications outbox', section: 'notifications', ...page, flash });
  });

  app.post(`${OUTBOX}/:id/retry`, async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'integrations.manage');
    const id = uuidParam(request.params);
    const version = Number(text(formOf(request), 'version'));
    return guarded(reply, { backHref: OUTBOX, backText: 'Go back to the outbox', section: 'notifications' }, async () => {
      const outcome = await retryMessage(ctx.db, id, version);
      if (outcome === 'missing') throw new NotFoundError('This message is not in the outbox.');
      if (outcome === 'changed') throw new ConflictError('The dispatcher or another administrator changed this message since you opened the outbox. Look at it again before retrying.');
      return reply.redirect(`${OUTBOX}?retried=1`, 303);
    });
  });
});
