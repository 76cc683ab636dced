import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { type DatedForm, readDatedForm } from '../../platform/http/forms.ts';
import { addError } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { type DetailsInput, detailsFields, type UploadedFile } from './schema.ts';

/** The details of a document, on the upload form and the change-details form. */
export const DETAILS_FORM: DatedForm<DetailsInput> = {
  dates: { documentDate: ['The date of the document', 'Enter the date of the document'] },
  fields: (b) => ({ title: text(b, 'title'), documentType: text(b, 'documentType'), description: text(b, 'description') }),
  schema: detailsFields,
  entered: { title: 'Title', description: 'Description' },
};

/**
 * Keeps an uploaded file's name and bytes as the value of its form field (multipart parsing, `attachFieldsToBody:
 * 'keyValues'`). A file over the limit arrives cut short and marked truncated, so the form can say so rather than
 * fail the whole request.
 */
export async function keepFile(this: FastifyRequest, part: MultipartFile): Promise<void> {
  const bytes = await part.toBuffer();
  const value: UploadedFile = { fileName: part.filename ?? '', bytes, truncated: part.file.truncated };
  (part as unknown as { value: UploadedFile }).value = value;
}

/** The file sent in `name`, if the form was a multipart one that carried a file. */
export function fileOf(body: FormBody, name = 'file'): UploadedFile | null {
  const value = body[name];
  if (value && typeof value === 'object' && 'bytes' in value && Buffer.isBuffer((value as UploadedFile).bytes)) {
    const file = value as UploadedFile;
    return file.fileName || file.bytes.byteLength ? file : null;
  }
  return null;
}

/** What is wrong with the file before anything else is looked at: missing, or over the limit (413). */
export function fileProblem(file: UploadedFile | null, maxBytes: number): { message: string; status: number } | null {
  if (!file) return { message: 'Select a file', status: 400 };
  if (file.truncated || file.bytes.byteLength > maxBytes) return { message: `The selected file must be smaller than ${Math.round(maxBytes / 1024 / 1024)}MB`, status: 413 };
  if (!file.bytes.byteLength) return { message: 'The selected file is empty', status: 400 };
  return null;
}

/** The upload form's submission: details as for any dated form, plus the file's problems, all in one summary. */
export function readUpload(body: FormBody, maxBytes: number) {
  const form = readDatedForm(body, DETAILS_FORM);
  const file = fileOf(body);
  const problem = fileProblem(file, maxBytes);
  let status = 400;
  if (problem) {
    addError(form.errors, 'file', problem.message);
    status = problem.status;
  } else if (form.errors.summary.length) {
    // The browser does not keep a chosen file when the page comes back (GOV.UK file upload pattern).
    addError(form.errors, 'file', 'Select the file again');
  }
  return { ...form, file, status };
}
