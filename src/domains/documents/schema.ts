import { z } from 'zod';

export const DOCUMENT_TYPES = {
  letter: 'Letter',
  report: 'Report',
  assessment: 'Assessment',
  photo: 'Photograph',
  court: 'Court document',
  other: 'Other',
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;

const required = (message: string) => z.string().trim().min(1, message);

/** A document's details: the upload form and the change-details form. */
export const detailsFields = z.object({
  title: required('Enter a title').max(200, 'Title must be 200 characters or fewer'),
  documentType: z.enum(Object.keys(DOCUMENT_TYPES) as [DocumentType, ...DocumentType[]], { message: 'Select the type of document' }),
  documentDate: z.string().min(1, 'Enter the date of the document'),
  description: z.string().trim().max(2000, 'Description must be 2,000 characters or fewer').transform((v) => v || null),
});
export type DetailsInput = z.infer<typeof detailsFields>;

export const removeFields = z.object({
  reason: required('Enter why the document is being removed from the record').max(1000, 'Reason must be 1,000 characters or fewer'),
});

/** A file as it arrived: the name the browser sent (only ever shown, sanitised) and its bytes. */
export interface UploadedFile {
  fileName: string;
  bytes: Buffer;
  /** The file was larger than the limit and was cut short while reading. */
  truncated: boolean;
}
