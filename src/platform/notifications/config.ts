import { z } from 'zod';

const NOTIFY_KEY = /^.+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The environment variables for email and text messages; src/config.ts reads them with the rest at start-up. */
const notificationEnv = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The address people reach Cairn at: links in email and text messages start with it. */
  CAIRN_PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) address, like https://cairn.council.gov.uk' }).optional(),
  CAIRN_SMTP_URL: z.url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// address, like smtp://relay:25' }).optional(),
  CAIRN_MAIL_FROM: z.string().trim().regex(/^[^@\s<>]+@[^@\s<>]+$|<[^@\s<>]+@[^@\s<>]+>$/, 'must be an email address, like cairn@council.gov.uk or "Cairn <cairn@council.gov.uk>"').optional(),
  CAIRN_NOTIFY_API_KEY: z.string().trim().regex(NOTIFY_KEY, 'must be a GOV.UK Notify API key (its name, service id and secret key joined by hyphens)').optional(),
  CAIRN_NOTIFY_BASE_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) address' }).optional(),
  CAIRN_NOTIFY_EMAIL_TEMPLATE_ID: z.uuid('must be a GOV.UK Notify template id').optional(),
  CAIRN_NOTIFY_SMS_TEMPLATE_ID: z.uuid('must be a GOV.UK Notify template id').optional(),
  CAIRN_NOTIFY_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  CAIRN_NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  /** The UK hour (0–23) from which each day's reminders (due tomorrow, overdue reviews) are sent. */
  CAIRN_NOTIFY_REMINDER_HOUR: z.coerce.number().int().min(0).max(23).default(7),
});

export interface NotificationSettings {
  publicUrl: string;
  smtp: { url: string; from: string } | null;
  notify: { apiKey: string; baseUrl: string | null; emailTemplateId: string; smsTemplateId: string } | null;
  pollSeconds: number;
  maxAttempts: number;
  reminderHour: number;
}

/**
 * Reads the notification settings, with every problem listed: a wrong value, a relay without a sender, a Notify key
 * without its two templates. Neither channel configured is allowed: messages then wait in the outbox.
 */
export function readNotificationConfig(env: NodeJS.ProcessEnv): { config: NotificationSettings | null; problems: string[] } {
  const parsed = notificationEnv.safeParse(env);
  if (!parsed.success) return { config: null, problems: parsed.error.issues.filter((i) => i.path[0] !== 'PORT').map((i) => `${i.path.join('.')}: ${i.message}`) };
  const e = parsed.data;
  const problems: string[] = [];
  if (e.CAIRN_SMTP_URL && !e.CAIRN_MAIL_FROM) problems.push('CAIRN_MAIL_FROM: set the sender address when CAIRN_SMTP_URL is set');
  if (e.CAIRN_NOTIFY_API_KEY && !e.CAIRN_NOTIFY_EMAIL_TEMPLATE_ID) problems.push('CAIRN_NOTIFY_EMAIL_TEMPLATE_ID: set the generic email template id when CAIRN_NOTIFY_API_KEY is set');
  if (e.CAIRN_NOTIFY_API_KEY && !e.CAIRN_NOTIFY_SMS_TEMPLATE_ID) problems.push('CAIRN_NOTIFY_SMS_TEMPLATE_ID: set the generic text message template id when CAIRN_NOTIFY_API_KEY is set');
  if (problems.length) return { config: null, problems };
  return {
    problems,
    config: {
      publicUrl: (e.CAIRN_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
      smtp: e.CAIRN_SMTP_URL && e.CAIRN_MAIL_FROM ? { url: e.CAIRN_SMTP_URL, from: e.CAIRN_MAIL_FROM } : null,
      notify:
        e.CAIRN_NOTIFY_API_KEY && e.CAIRN_NOTIFY_EMAIL_TEMPLATE_ID && e.CAIRN_NOTIFY_SMS_TEMPLATE_ID
          ? { apiKey: e.CAIRN_NOTIFY_API_KEY, baseUrl: e.CAIRN_NOTIFY_BASE_URL ?? null, emailTemplateId: e.CAIRN_NOTIFY_EMAIL_TEMPLATE_ID, smsTemplateId: e.CAIRN_NOTIFY_SMS_TEMPLATE_ID }
          : null,
      pollSeconds: e.CAIRN_NOTIFY_POLL_SECONDS,
      maxAttempts: e.CAIRN_NOTIFY_MAX_ATTEMPTS,
      reminderHour: e.CAIRN_NOTIFY_REMINDER_HOUR,
    },
  };
}
