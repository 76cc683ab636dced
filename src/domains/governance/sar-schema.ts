import { z } from 'zod';
import type { DatedForm } from '../../platform/http/forms.ts';
import { text } from '../../platform/views/form-fields.ts';
import { optionalText, requiredText } from '../../platform/views/text-fields.ts';
import { REDACTION_REASONS, REQUESTER_KINDS } from './sar-labels.ts';

const version = z.coerce.number({ error: 'The form is missing its version. Reload the page and try again.' }).int().positive();
const isoDate = (message: string) => z.iso.date({ error: message });
const keys = <T extends Record<string, string>>(set: T) => Object.keys(set) as [keyof T & string, ...(keyof T & string)[]];

/** Who asked, how their identity (and for someone acting for the subject, their authority) was checked, and when it arrived. */
export const requesterFields = z
  .object({
    requesterKind: z.enum(keys(REQUESTER_KINDS), { error: 'Select who made the request' }),
    requesterName: requiredText('Requester’s name', 200, 'Enter the name of the person who made the request'),
    requesterContact: requiredText('Contact details', 1000, 'Enter how to contact the requester (an address or email address)'),
    requesterRelationship: optionalText('Relationship to the person', 200),
    identityCheck: requiredText('Identity check', 2000, 'Enter how you confirmed the requester’s identity'),
    authorityCheck: optionalText('Authority check', 2000),
    receivedOn: isoDate('Enter the date the request was received'),
  })
  .superRefine((v, ctx) => {
    if (v.requesterKind !== 'subject' && !v.authorityCheck) {
      ctx.addIssue({ code: 'custom', path: ['authorityCheck'], message: 'Enter how you confirmed they may act for the person (parental responsibility or a signed authority)' });
    }
    if (v.requesterKind !== 'subject' && !v.requesterRelationship) {
      ctx.addIssue({ code: 'custom', path: ['requesterRelationship'], message: 'Enter their relationship to the person (for example mother, or solicitor)' });
    }
  });
export type RequesterInput = z.infer<typeof requesterFields>;

export const REQUESTER_FORM: DatedForm<RequesterInput> = {
  dates: { receivedOn: ['Date received', 'Enter the date the request was received'] },
  fields: (body) => Object.fromEntries(['requesterKind', 'requesterName', 'requesterContact', 'requesterRelationship', 'identityCheck', 'authorityCheck'].map((f) => [f, text(body, f)])),
  schema: requesterFields,
  entered: { requesterName: 'Requester’s name', requesterContact: 'Contact details', identityCheck: 'Identity check', authorityCheck: 'Authority check' },
};

export const extensionFields = z.object({
  extensionMonths: z.coerce.number({ error: 'Select how long to extend by' }).int().min(1, 'Select how long to extend by').max(2, 'A request can be extended by two months at most'),
  extensionReason: requiredText('Reason', 2000, 'Enter why the request is complex or numerous'),
  version,
});
export const EXTENSION_FORM: DatedForm<z.infer<typeof extensionFields>> = {
  dates: {},
  fields: (body) => ({ extensionMonths: text(body, 'extensionMonths'), extensionReason: text(body, 'extensionReason') }),
  schema: extensionFields,
  entered: { extensionReason: 'Reason' },
};

export const pauseFields = z.object({
  pausedOn: isoDate('Enter the date you asked for the information'),
  pauseReason: requiredText('What you are waiting for', 2000, 'Enter what you are waiting for (proof of identity, or clarification)'),
  version,
});
export const PAUSE_FORM: DatedForm<z.infer<typeof pauseFields>> = {
  dates: { pausedOn: ['Date asked', 'Enter the date you asked for the information'] },
  fields: (body) => ({ pauseReason: text(body, 'pauseReason') }),
  schema: pauseFields,
  entered: { pauseReason: 'What you are waiting for' },
};

export const resumeFields = z.object({ resumedOn: isoDate('Enter the date the information arrived'), version });
export const RESUME_FORM: DatedForm<z.infer<typeof resumeFields>> = {
  dates: { resumedOn: ['Date the information arrived', 'Enter the date the information arrived'] },
  fields: () => ({}),
  schema: resumeFields,
  entered: {},
};

export const closeFields = z.object({
  outcome: z.enum(['withdrawn', 'refused'], { error: 'Select whether the request was withdrawn or refused' }),
  closureReason: requiredText('Reason', 2000, 'Enter the reason'),
  version,
});
export const CLOSE_FORM: DatedForm<z.infer<typeof closeFields>> = {
  dates: {},
  fields: (body) => ({ outcome: text(body, 'outcome'), closureReason: text(body, 'closureReason') }),
  schema: closeFields,
  entered: { closureReason: 'Reason' },
};

export const redactionFields = z
  .object({
    field: z.string().trim().min(1, 'Select what to redact').max(100),
    reason: z.enum(keys(REDACTION_REASONS), { error: 'Select the reason for the redaction' }),
    note: optionalText('Note', 1000),
  })
  .superRefine((v, ctx) => {
    if (v.reason === 'other' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'Enter a note saying why, when the reason is ‘other’' });
  });
export type RedactionInput = z.infer<typeof redactionFields>;
/** The whole item, in the `field` radio. */
export const WHOLE_ITEM = '_item';

export const disclosureFields = z.object({ coverLetter: requiredText('Cover letter', 20_000, 'Enter the cover letter'), version });
