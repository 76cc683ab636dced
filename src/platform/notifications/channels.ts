import nodemailer from 'nodemailer';
import { NotifyClient } from 'notifications-node-client';
import type { NotificationSettings } from './config.ts';
import type { NotificationChannel } from './tables.ts';
import type { RenderedMessage } from './templates.ts';

/** One way out: a relay or GOV.UK Notify. `send` resolves to the provider's id for the message, or rejects. */
export interface Transport {
  name: 'smtp' | 'notify';
  send(channel: NotificationChannel, to: string, message: RenderedMessage, outboxId: string): Promise<string | null>;
  close(): void;
}

function smtpTransport(smtp: NonNullable<NotificationSettings['smtp']>): Transport {
  // Short timeouts: a relay that hangs must not hold the dispatcher (the message is retried later).
  const mailer = nodemailer.createTransport({ url: smtp.url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return {
    name: 'smtp',
    async send(_channel, to, message) {
      const info = await mailer.sendMail({ from: smtp.from, to, subject: message.subject, text: message.body });
      return typeof info.messageId === 'string' ? info.messageId : null;
    },
    close: () => mailer.close(),
  };
}

function notifyTransport(notify: NonNullable<NotificationSettings['notify']>): Transport {
  const client = notify.baseUrl ? new NotifyClient(notify.baseUrl, notify.apiKey) : new NotifyClient(notify.apiKey);
  return {
    name: 'notify',
    async send(channel, to, message, outboxId) {
      // Notify's `reference` is ours to choose and shows in its dashboard: the outbox id, which means nothing outside.
      const response =
        channel === 'sms'
          ? await client.sendSms(notify.smsTemplateId, to, { personalisation: { body: message.body }, reference: outboxId })
          : await client.sendEmail(notify.emailTemplateId, to, { personalisation: { subject: message.subject, body: message.body }, reference: outboxId });
      return response.data.id ?? null;
    },
    close: () => {},
  };
}

/**
 * The transports configured, by channel: GOV.UK Notify (when its key is set) sends both email and text messages;
 * otherwise a relay sends email. A channel missing from the map has nothing to send it: its messages are held.
 */
export function transportsFor(settings: NotificationSettings): Map<NotificationChannel, Transport> {
  const map = new Map<NotificationChannel, Transport>();
  if (settings.notify) {
    const notify = notifyTransport(settings.notify);
    map.set('email', notify);
    map.set('sms', notify);
  } else if (settings.smtp) {
    map.set('email', smtpTransport(settings.smtp));
  }
  return map;
}

const EMAIL = /[^\s<>"'@]+@[^\s<>"'@]+/g;
const PHONE = /\+?\d[\d\s-]{8,}\d/g;

/**
 * What went wrong, safe to keep and show: the provider's status code and message with any address or phone number it
 * quoted taken out, cut short. A relay often repeats the recipient ("550 <x@y>: no such user").
 */
export function describeFailure(error: unknown): string {
  const e = error as { response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } }; responseCode?: number; code?: string; message?: string };
  let text: string;
  if (e?.response?.status) {
    const first = e.response.data?.errors?.[0];
    text = `GOV.UK Notify answered ${e.response.status}${first ? `: ${first.error ?? ''} ${first.message ?? ''}`.trimEnd() : ''}`;
  } else if (e?.responseCode) {
    text = `The mail relay answered ${e.responseCode}: ${e.message ?? ''}`;
  } else {
    text = `${e?.code ? `${e.code}: ` : ''}${e?.message ?? String(error)}`;
  }
  return text.replace(EMAIL, '[address]').replace(PHONE, '[number]').replace(/\s+/g, ' ').trim().slice(0, 300);
}
