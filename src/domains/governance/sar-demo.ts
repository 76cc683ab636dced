import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { bundleItems } from './sar-compile.ts';
import { sarDueOn } from './sar-clock.ts';
import * as repo from './sar-repository.ts';
import type { RequesterKind, SarStatus, SarSuggestion } from './sar-tables.ts';

interface Story {
  status: SarStatus;
  /** Calendar days before today the request arrived. */
  ago: number;
  kind: RequesterKind;
  requester: string;
  relationship: string | null;
  identity: string;
  authority: string | null;
  extension?: { months: number; reason: string };
  pause?: { after: number; reason: string };
  /** How many of the suggested redactions the reviewer has already accepted. */
  redactions?: number;
}

// Synthetic requesters: invented names, nobody real.
const STORIES: Story[] = [
  {
    status: 'received', ago: 4, kind: 'parent', requester: 'Jo Fairweather', relationship: 'Mother',
    identity: 'Driving licence seen at the council contact centre; address matches the record.',
    authority: 'Named as mother on the birth certificate; the child is too young to make the request themself.',
    pause: { after: 1, reason: 'Asked for a copy of the birth certificate to confirm parental responsibility.' },
  },
  {
    status: 'in_review', ago: 26, kind: 'subject', requester: 'The young person', relationship: null,
    identity: 'Known to the leaving care team; identity confirmed by their personal adviser in person.', authority: null,
    redactions: 3,
  },
  {
    status: 'compiling', ago: 40, kind: 'representative', requester: 'Harrow & Finch Solicitors', relationship: 'Solicitors acting for the child’s father',
    identity: 'Solicitors’ letterhead checked against the SRA register.', authority: 'Signed form of authority from the child, who is 14 and understands the request.',
    extension: { months: 1, reason: 'Records held by six services over several years, including paper records to be scanned.' },
  },
];

/**
 * Subject access requests in three states on demo children (received with the clock paused, being compiled after an
 * extension, and in review with some redactions made), so the data protection officer has work to open.
 */
export async function seedSarDemo(db: Kysely<Database>, org: DemoOrganisation, today: string): Promise<void> {
  const dpo = org.userIds['gwen.ashdown@cairn.example']!;
  // Children with the most on record, after the very busiest (which tests log a request for themselves).
  const children = await db
    .selectFrom('chronology as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .select('p.id')
    .where('p.person_type', '=', 'child')
    .where('p.restricted', '=', false)
    .where('p.destroyed_at', 'is', null)
    .groupBy('p.id')
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .orderBy('p.id')
    .offset(1)
    .limit(STORIES.length)
    .execute();
  for (const [i, story] of STORIES.entries()) {
    const personId = children[i]?.id;
    if (!personId) return;
    const id = uuidv7();
    const receivedOn = addCalendarDays(today, -story.ago);
    const pausedOn = story.pause ? addCalendarDays(receivedOn, story.pause.after) : null;
    const extensionMonths = story.extension?.months ?? 0;
    await repo.insertRequest(db, {
      id,
      person_id: personId,
      requester_kind: story.kind,
      requester_name: story.requester,
      requester_contact: story.kind === 'representative' ? '12 Chancery Row, Brackenshire' : 'By email to the address on the record',
      requester_relationship: story.relationship,
      identity_check: story.identity,
      authority_check: story.authority,
      received_on: receivedOn,
      due_on: sarDueOn({ receivedOn, extensionMonths, pausedOn, resumedOn: null }),
      extension_months: extensionMonths,
      extension_reason: story.extension?.reason ?? null,
      paused_on: pausedOn,
      pause_reason: story.pause?.reason ?? null,
      status: story.status,
      created_by: dpo,
    });
    if (story.status === 'received') continue;
    const inserted = await repo.insertItems(db, await bundleItems(db, id, personId));
    await db.updateTable('sar_requests').set({ compiled_at: new Date(), compiled_by: dpo }).where('id', '=', id).execute();
    if (!story.redactions) continue;
    const items = await db.selectFrom('sar_items').select(['id', 'suggestions']).where('request_id', '=', id).where('id', 'in', inserted.map((r) => r.id)).orderBy('position').execute();
    const suggested = items.flatMap((item) => (item.suggestions as unknown as SarSuggestion[]).map((s) => ({ item, s }))).slice(0, story.redactions);
    for (const { item, s } of suggested) {
      await db.insertInto('sar_redactions').values({ request_id: id, item_id: item.id, field: s.field, reason: s.reason, note: null, created_by: dpo }).execute();
    }
  }
}
