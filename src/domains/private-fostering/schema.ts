import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/views/text-fields.ts';
import { RELATIONSHIPS } from './labels.ts';

const version = z.coerce.number({ error: 'The form is missing its version. Reload the page and try again.' }).int().positive();
const isoDate = (message: string) => z.iso.date({ error: message });
const blankAsNull = (v: unknown) => (v === '' || v === undefined ? null : v);
const yesNo = (message: string) => z.enum(['yes', 'no'], { error: message }).transform((v) => v === 'yes');
const relationship = z.string({ error: 'Select how the carer is related to the child' }).refine((v) => v in RELATIONSHIPS, 'Select how the carer is related to the child');

export const notificationFields = z
  .object({
    notifiedOn: isoDate('Enter the date the local authority was notified'),
    notifiedBy: z.enum(['carer', 'parent', 'school', 'health', 'other_professional', 'other'], { error: 'Select who notified the local authority' }),
    notifierDetail: optionalText('Who notified', 500),
    startDate: isoDate('Enter the date the arrangement started, or is planned to start'),
    carerPersonId: z.preprocess(blankAsNull, z.uuid({ error: 'Select a carer from the list' }).nullable()),
    carerName: optionalText('The carer’s name', 200),
    carerRelationship: relationship,
    secondCarerName: optionalText('The second carer’s name', 200),
    secondCarerRelationship: z.preprocess(blankAsNull, relationship.nullable()),
    parentsDetails: requiredText('Parents’ details', 5000, 'Enter who the parents are and where they are'),
    reason: requiredText('Reason', 5000, 'Enter why the child is living with the carer'),
    expectedDuration: requiredText('Expected duration', 500, 'Enter how long the arrangement is expected to last'),
  })
  .superRefine((v, ctx) => {
    if (!v.carerPersonId && !v.carerName) ctx.addIssue({ code: 'custom', path: ['carerName'], message: 'Choose the carer from the people linked to the child, or enter their name' });
    if (v.secondCarerName && !v.secondCarerRelationship) ctx.addIssue({ code: 'custom', path: ['secondCarerRelationship'], message: 'Select how the second carer is related to the child' });
  });
export type NotificationInput = z.infer<typeof notificationFields>;

export const visitFields = z
  .object({
    visitDate: isoDate('Enter the date of the visit'),
    childSeen: yesNo('Select whether the child was seen'),
    seenAlone: z.preprocess(blankAsNull, z.enum(['yes', 'no']).nullable()).transform((v) => v === 'yes'),
    notes: requiredText('Notes', 10_000, 'Enter what was seen and discussed on the visit'),
  })
  .superRefine((v, ctx) => {
    if (v.seenAlone && !v.childSeen) ctx.addIssue({ code: 'custom', path: ['seenAlone'], message: 'A child who was not seen cannot have been seen alone' });
  });
export type VisitInput = z.infer<typeof visitFields>;

const checkResult = z.preprocess(blankAsNull, z.enum(['satisfactory', 'concerns'], { error: 'Select the result' }).nullable());
const checkDate = isoDate('Enter a real date').nullable();

export const assessmentFields = z
  .object({
    dbsOn: checkDate, dbsResult: checkResult,
    referencesOn: checkDate, referencesResult: checkResult,
    healthOn: checkDate, healthResult: checkResult,
    accommodationOn: checkDate, accommodationResult: checkResult,
    decision: z.preprocess(blankAsNull, z.enum(['suitable', 'suitable_with_conditions', 'not_suitable'], { error: 'Select the decision' }).nullable()),
    decisionOn: checkDate,
    decisionNotes: optionalText('Conditions or next steps', 10_000),
    version,
  })
  .superRefine((v, ctx) => {
    for (const key of ['dbs', 'references', 'health', 'accommodation'] as const) {
      const on = v[`${key}On`];
      const result = v[`${key}Result`];
      if (on && !result) ctx.addIssue({ code: 'custom', path: [`${key}Result`], message: 'Select the result of this check, or leave its date empty' });
      if (result && !on) ctx.addIssue({ code: 'custom', path: [`${key}On`], message: 'Enter the date of this check' });
    }
    if (v.decision && !v.decisionOn) ctx.addIssue({ code: 'custom', path: ['decisionOn'], message: 'Enter the date of the decision' });
    if (v.decisionOn && !v.decision) ctx.addIssue({ code: 'custom', path: ['decision'], message: 'Select the decision, or leave its date empty' });
    if (v.decision && v.decision !== 'suitable' && !v.decisionNotes) {
      ctx.addIssue({ code: 'custom', path: ['decisionNotes'], message: v.decision === 'not_suitable' ? 'Enter what happens next for the child' : 'Enter the conditions' });
    }
  });
export type AssessmentInput = z.infer<typeof assessmentFields>;

/** Correcting what the notification said about the arrangement (who the carers are is recorded once). */
export const detailsFields = z.object({
  startDate: isoDate('Enter the date the arrangement started, or is planned to start'),
  notifierDetail: optionalText('Who notified', 500),
  parentsDetails: requiredText('Parents’ details', 5000, 'Enter who the parents are and where they are'),
  reason: requiredText('Reason', 5000, 'Enter why the child is living with the carer'),
  expectedDuration: requiredText('Expected duration', 500, 'Enter how long the arrangement is expected to last'),
  version,
});
export type DetailsInput = z.infer<typeof detailsFields>;

export const confirmFields = z.object({ version });

export const endFields = z.object({
  endedOn: isoDate('Enter the date the arrangement ended'),
  endReason: z.enum(['returned_to_parents', 'reached_age', 'became_looked_after', 'moved_to_relative', 'carer_unable', 'other'], { error: 'Select why the arrangement ended' }),
  endNotes: optionalText('Notes', 5000),
  version,
});
export type EndInput = z.infer<typeof endFields>;

export const listFilters = z.object({
  show: z.enum(['current', 'ended', 'overdue']).catch('current'),
});
