import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/views/text-fields.ts';
import type { PanelKind } from '../../db/types.ts';
import { CLOSURE_OUTCOMES, ITEM_OUTCOMES, MASG_SERVICES, PANEL_KIND_KEYS, PANEL_KINDS } from './codes.ts';

const codes = (set: Record<string, unknown>) => Object.keys(set) as [string, ...string[]];
const isoDate = z.iso.date({ error: 'Enter a real date' });
const uuid = (message: string) => z.uuid({ error: message });
const version = z.coerce.number({ error: 'The form is missing its version. Reload the page and try again.' }).int().positive();
const idempotencyKey = uuid('The form is missing its submission key. Reload the page and try again.');
/** The localities a MASG can serve: every locality but "out of area". */
export const MASG_LOCALITIES = ['north_west_rural', 'central_east', 'south'] as const;

export const panelFields = z
  .object({
    name: requiredText('The name', 120, 'Enter the panel’s name'),
    kind: z.enum(PANEL_KIND_KEYS, { error: 'Select the kind of panel' }),
    locality: z.enum(MASG_LOCALITIES, { error: 'Select the locality the MASG serves' }).nullish(),
    chairId: uuid('Select who chairs the panel'),
    meetsEveryDays: z.coerce
      .number({ error: 'Enter how often the panel meets, in days' })
      .int('Enter a whole number of days')
      .min(1, 'The panel must meet at least once a year: enter between 1 and 365 days')
      .max(365, 'The panel must meet at least once a year: enter between 1 and 365 days'),
  })
  .superRefine((p, ctx) => {
    if (p.kind === 'masg' && !p.locality) ctx.addIssue({ code: 'custom', path: ['locality'], message: 'Select the locality the MASG serves' });
  })
  .transform((p) => ({ ...p, locality: p.kind === 'masg' ? (p.locality ?? null) : null }));
export type PanelInput = z.infer<typeof panelFields>;

/** A referral's fields: which routes and issues are valid depends on the kind of panel chosen. */
export function referralFields(kind: PanelKind) {
  const config = PANEL_KINDS[kind];
  return z.object({
    route: z.enum(codes(config.routes), { error: `Select an answer to “${config.routeLegend}”` }),
    presentingIssues: z
      .array(z.enum(codes(config.issues), { error: `Select ${config.issuesLegend.toLowerCase()} from the list` }))
      .min(1, `Select at least one of the ${config.issuesLegend.toLowerCase()}`),
    reason: requiredText('The reason', 5000, 'Enter what the panel is asked to help with'),
    earlyHelpCaseId: uuid('The early help case reference is not recognised').nullish(),
    contactId: uuid('The contact reference is not recognised').nullish(),
    idempotencyKey,
  });
}
export type ReferralInput = z.infer<ReturnType<typeof referralFields>>;

export const meetingFields = z.object({
  meetingDate: isoDate,
  location: optionalText('The location', 200),
});
export type MeetingInput = z.infer<typeof meetingFields>;

export const cancelFields = z.object({ reason: requiredText('The reason', 1000, 'Enter why the meeting is cancelled'), version });

/**
 * What the panel recorded about one child. A deferred item needs nothing else; a decision needs the decision,
 * and at a MASG a distance travelled score (at entry and at every review). Keeping a referral open needs the date
 * of its next review; closing it needs the outcome.
 */
export function itemFields(kind: PanelKind, meetingDate: string) {
  const scores = PANEL_KINDS[kind].scoresDistance;
  return z
    .object({
      outcome: z.enum(codes(ITEM_OUTCOMES), { error: 'Select what the panel decided' }),
      discussion: optionalText('The discussion', 10_000),
      decision: optionalText('The decision', 5000),
      distanceScore: z.coerce.number().int().min(1).max(10).nullish().catch(null),
      nextReviewDue: isoDate.nullish(),
      servicesOffered: z.array(z.enum(codes(MASG_SERVICES), { error: 'Select services from the list' })).default([]),
      closureOutcome: z.enum(codes(CLOSURE_OUTCOMES), { error: 'Select the outcome' }).nullish(),
      version,
    })
    .superRefine((v, ctx) => {
      if (v.outcome === 'defer') return;
      if (!v.decision) ctx.addIssue({ code: 'custom', path: ['decision'], message: 'Enter the panel’s decision' });
      if (scores && !v.distanceScore) {
        ctx.addIssue({ code: 'custom', path: ['distanceScore'], message: 'Select the distance travelled score, from 1 to 10' });
      }
      if (v.outcome === 'continue') {
        if (!v.nextReviewDue) ctx.addIssue({ code: 'custom', path: ['nextReviewDue'], message: 'Enter the date of the next review' });
        else if (v.nextReviewDue < meetingDate) {
          ctx.addIssue({ code: 'custom', path: ['nextReviewDue'], message: 'The next review must be on or after the meeting date' });
        }
      }
      if (v.outcome === 'close' && !v.closureOutcome) ctx.addIssue({ code: 'custom', path: ['closureOutcome'], message: 'Select the outcome' });
    })
    .transform((v) => ({
      ...v,
      outcome: v.outcome as keyof typeof ITEM_OUTCOMES,
      distanceScore: v.outcome === 'defer' || !scores ? null : (v.distanceScore ?? null),
      nextReviewDue: v.outcome === 'continue' ? (v.nextReviewDue ?? null) : null,
      closureOutcome: v.outcome === 'close' ? (v.closureOutcome ?? null) : null,
      servicesOffered: v.outcome === 'defer' || !scores ? [] : v.servicesOffered,
    }));
}
export type ItemInput = z.infer<ReturnType<typeof itemFields>>;

export const actionFields = z.object({
  action: requiredText('The action', 1000, 'Enter the action'),
  ownerId: uuid('Select who will do it'),
  dueOn: isoDate,
  idempotencyKey,
});
export type ActionInput = z.infer<typeof actionFields>;

export const attendeeFields = z
  .object({
    userId: uuid('Select a person from the list').nullish(),
    name: optionalText('The name', 120),
    organisation: optionalText('The organisation', 120),
    attendance: z.enum(['present', 'apologies', 'absent'], { error: 'Select whether they were present, sent apologies or were absent' }),
    idempotencyKey,
  })
  .superRefine((v, ctx) => {
    if (v.userId) return;
    if (!v.name) ctx.addIssue({ code: 'custom', path: ['userId'], message: 'Select someone with a Cairn account, or enter the name of someone without one' });
    else if (!v.organisation) ctx.addIssue({ code: 'custom', path: ['organisation'], message: 'Enter the organisation they represent' });
  });
export type AttendeeInput = z.infer<typeof attendeeFields>;

export const closeFields = z.object({
  outcome: z.enum(codes(CLOSURE_OUTCOMES), { error: 'Select the outcome' }),
  note: optionalText('The note', 5000),
  version,
});

export const versionField = z.object({ version });
