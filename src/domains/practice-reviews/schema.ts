import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/views/text-fields.ts';
import { DECISIONS, RAGS } from './labels.ts';

const version = z.coerce.number({ error: 'The form is missing its version. Reload the page and try again.' }).int().positive();
const isoDate = (message: string) => z.iso.date({ error: message });
const keys = <T extends Record<string, string>>(set: T) => Object.keys(set) as [keyof T & string, ...(keyof T & string)[]];
const agencyId = (message: string) => z.uuid({ error: message });

/** The serious incident as the partnership first hears of it. The title names the review, never the child. */
export const referralFields = z.object({
  title: requiredText('Review name', 100, 'Enter a name for the review that does not identify the child, for example “Child R”'),
  referringAgencyId: agencyId('Select the agency that referred the case'),
  incidentOn: isoDate('Enter the date of the serious incident'),
  awareOn: isoDate('Enter the date the partnership became aware'),
  summary: requiredText('What happened', 5000, 'Enter briefly what happened'),
});
export type ReferralInput = z.infer<typeof referralFields>;

export const notificationFields = z.object({ notifiedOn: isoDate('Enter the date the national panel was notified'), version });
export type NotificationInput = z.infer<typeof notificationFields>;

export const rapidReviewFields = z.object({
  heldOn: isoDate('Enter the date the rapid review was held'),
  agencyIds: z.array(agencyId('Select agencies from the list')).min(1, 'Select the agencies that contributed to the rapid review'),
  recommendation: z.enum(keys(DECISIONS), { error: 'Select what the rapid review recommends' }),
  version,
});
export type RapidReviewInput = z.infer<typeof rapidReviewFields>;

export const decisionFields = z.object({
  decision: z.enum(keys(DECISIONS), { error: 'Select the decision' }),
  decidedOn: isoDate('Enter the date of the decision'),
  rationale: requiredText('Rationale', 10_000, 'Enter the rationale for the decision'),
  version,
});
export type DecisionInput = z.infer<typeof decisionFields>;

export const reviewerFields = z.object({
  name: requiredText('Reviewer’s name', 200, 'Enter the reviewer’s name'),
  independent: z.boolean(),
});

/** The review itself: who leads it and where it has got to. Each date is blank until it happens. */
export const reviewFields = z.object({
  reviewers: z.array(reviewerFields).max(3),
  termsAgreedOn: isoDate('Enter a real date').nullable(),
  reportReceivedOn: isoDate('Enter a real date').nullable(),
  publishedOn: isoDate('Enter a real date').nullable(),
  notPublishedReason: optionalText('Reason not published', 5000),
  version,
});
export type ReviewInput = z.infer<typeof reviewFields>;

export const closeFields = z.object({
  closedOn: isoDate('Enter the date the review closed'),
  note: requiredText('What the review achieved', 5000, 'Enter what the review achieved, for the record'),
  version,
});
export type CloseInput = z.infer<typeof closeFields>;

export const recommendationFields = z.object({ text: requiredText('Recommendation', 5000, 'Enter the recommendation') });
export type RecommendationInput = z.infer<typeof recommendationFields>;

export const actionFields = z.object({
  what: requiredText('The action', 2000, 'Enter what is to be done'),
  agencyId: agencyId('Select the agency that owns the action'),
  owner: requiredText('Owner', 200, 'Enter the name of the person who owns the action'),
  dueOn: isoDate('Enter the date the action is due'),
  rag: z.enum(['red', 'amber', 'green'], { error: 'Select the action’s RAG status' }),
});
export type ActionInput = z.infer<typeof actionFields>;

/** A progress update: the RAG status now, what has happened, and (to mark it complete) the evidence. */
export const progressFields = z.object({
  rag: z.enum(keys(RAGS), { error: 'Select the RAG status' }),
  note: requiredText('Progress update', 5000, 'Enter what progress has been made'),
  evidence: optionalText('Evidence of completion', 5000),
  completedOn: isoDate('Enter a real date').nullable(),
  /** An extension the chair agrees: blank keeps the due date. */
  dueOn: isoDate('Enter a real date').nullable(),
  version,
});
export type ProgressInput = z.infer<typeof progressFields>;

export const briefingFields = z.object({
  title: requiredText('Title', 200, 'Enter the title of the briefing'),
  reviewIds: z.array(z.uuid({ error: 'Select reviews from the list' })).min(1, 'Select the review or reviews the briefing comes from'),
  issuedOn: isoDate('Enter the date the briefing was issued'),
  audience: requiredText('Audience', 500, 'Enter who the briefing is for'),
  keyMessages: requiredText('Key messages', 20_000, 'Enter the key messages'),
});
export type BriefingInput = z.infer<typeof briefingFields>;
