import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/types.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import { ConflictError } from '../http/errors.ts';
import { NOTIFICATION_CHANNELS, NOTIFICATION_EVENTS, type NotificationChannel, type NotificationEvent } from './tables.ts';

export interface Preferences {
  events: NotificationEvent[];
  channel: NotificationChannel;
  mobile: string | null;
  /** 0 until the user first saves: the form names it, so two tabs cannot overwrite each other. */
  version: number;
}

/**
 * Nobody is sent anything until they choose to be (no row: no events). Every message leaves Cairn for a mailbox or a
 * phone, and the in-service alerts and "Your work" already tell people what is theirs; a council switching a relay on
 * should not start mailing every member of staff, and a worker decides for themselves whether a work phone buzzes.
 */
export const DEFAULT_PREFERENCES: Preferences = { events: [], channel: 'email', mobile: null, version: 0 };

/**
 * A UK mobile number as typed (spaces, hyphens, brackets, +44, 0044 or 0 in front) in the one form Notify and the
 * database keep: +447 and nine digits. Null when it is not a UK mobile number.
 */
export function ukMobile(input: string): string | null {
  const digits = input.replace(/[\s\-().]/g, '');
  const match = /^(?:\+44|0044|44|0)(7\d{9})$/.exec(digits);
  return match ? `+44${match[1]}` : null;
}

export const preferencesForm = z
  .object({
    events: z.array(z.enum(NOTIFICATION_EVENTS, 'Choose from the events listed')),
    channel: z.enum(NOTIFICATION_CHANNELS, 'Select how you want to be told'),
    mobile: z.string().trim().max(30, 'Enter a UK mobile number, like 07700 900 982'),
    version: z.coerce.number().int().min(0),
  })
  .superRefine((v, ctx) => {
    if (v.mobile && !ukMobile(v.mobile)) ctx.addIssue({ code: 'custom', path: ['mobile'], message: 'Enter a UK mobile number, like 07700 900 982' });
    else if (v.channel === 'sms' && !v.mobile) ctx.addIssue({ code: 'custom', path: ['mobile'], message: 'Enter your mobile number to get text messages' });
  })
  .transform((v) => ({ ...v, mobile: v.mobile ? ukMobile(v.mobile) : null }));
export type PreferencesInput = z.output<typeof preferencesForm>;

export async function readPreferences(db: Kysely<Database>, userId: string): Promise<Preferences> {
  const row = await db.selectFrom('notification_preferences').select(['events', 'channel', 'mobile', 'version']).where('user_id', '=', userId).executeTakeFirst();
  return row ? { events: row.events, channel: row.channel, mobile: row.mobile, version: row.version } : { ...DEFAULT_PREFERENCES };
}

const changedElsewhere = () => new ConflictError('Your notification settings were changed in another window or tab since you opened this page. Nothing has been saved.');

/** Saves the user's choices at the version their form was read at; a form read before another save is refused (409). */
export async function savePreferences(db: Kysely<Database>, userId: string, input: PreferencesInput): Promise<void> {
  const values = { events: [...new Set(input.events)], channel: input.channel, mobile: input.mobile };
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('notification_preferences').select(['id']).where('user_id', '=', userId).executeTakeFirst();
    if (!existing) {
      if (input.version !== 0) throw changedElsewhere();
      const made = await trx
        .insertInto('notification_preferences')
        .values({ user_id: userId, ...values, created_by: userId })
        .onConflict((oc) => oc.column('user_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!made) throw changedElsewhere();
      return;
    }
    if (!(await updateAtVersion(trx, 'notification_preferences', existing.id, input.version, values))) throw changedElsewhere();
  });
}
