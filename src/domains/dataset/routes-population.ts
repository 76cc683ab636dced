import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorise } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { userNames } from '../../platform/auth/users.ts';
import { financialYearRange, financialYearStart } from '../../platform/calendar/financial-year.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { formOf, guarded, idempotencyKeyOf, type Refusal, zodErrors } from '../../platform/http/forms.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { formatDate } from '../../platform/views/format.ts';
import { populationFor } from './indicators/compute.ts';
import { datasetInputLinks } from './settings.ts';
import { addYear, importYears, listPopulationYears, populationYear, replaceYear } from './population.ts';
import { type ImportProblem, parsePopulationCsv } from './population-import.ts';
import { AGES, ageField, ageLabel, countsOf, editYearForm, MAX_SOURCE, newYearForm, yearOf } from './schema-settings.ts';

const view = (name: string) => `domains/dataset/views/${name}.njk`;
export const SECTION = 'dataset';
const BASE = '/dataset/population';
const MAX_FILE_BYTES = 1024 * 1024;
/** More problems than this would bury the first ones: the summary says how many more there are. */
const MAX_SHOWN_PROBLEMS = 25;

const number = (n: number) => n.toLocaleString('en-GB');
const ageRows = (values: Record<string, unknown>, errors: FormErrors) =>
  AGES.map((age) => ({ age, field: ageField(age), label: ageLabel(age), value: values[ageField(age)] ?? '', error: errors.fields[ageField(age)] }));
const valuesOf = (body: FormBody) => ({
  year: text(body, 'year'),
  source: text(body, 'source'),
  ...Object.fromEntries(AGES.map((age) => [ageField(age), text(body, ageField(age))])),
});
const enteredOf = (values: Record<string, string>) => [
  ...AGES.map((age) => ({ label: ageLabel(age), value: values[ageField(age)] ?? '' })),
  { label: 'Where the figures come from', value: values.source ?? '' },
];

interface UploadedCsv {
  fileName: string;
  bytes: Buffer;
  truncated: boolean;
}

/** Keeps an uploaded file's name and bytes as its field's value (a file over the limit arrives cut short and marked). */
async function keepFile(part: MultipartFile): Promise<void> {
  const value: UploadedCsv = { fileName: part.filename ?? '', bytes: await part.toBuffer(), truncated: part.file.truncated };
  (part as unknown as { value: UploadedCsv }).value = value;
}

function fileOf(body: FormBody): UploadedCsv | null {
  const value = body.file as UploadedCsv | undefined;
  if (!value || typeof value !== 'object' || !Buffer.isBuffer(value.bytes)) return null;
  return value.fileName || value.bytes.byteLength ? value : null;
}

/** The text of a CSV file, or null when it is not UTF-8 text (a spreadsheet saved as .xlsx, an image). */
function textOf(bytes: Buffer): string | null {
  try {
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return decoded.includes('\u0000') ? null : decoded;
  } catch {
    return null;
  }
}

/**
 * Population estimates: everyone who sees figures sees them; analysts add, change and import them
 * (`dataset.configure`). Each route asks before it reads anything.
 */
export async function populationRoutes(app: FastifyInstance) {
  app.get(BASE, async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'aggregates.view');
    const years = await listPopulationYears(ctx.db);
    const names = await userNames(ctx.db, years.map((y) => y.updatedBy));
    const thisYear = financialYearStart(ukToday());
    const used = await populationFor(ctx.db, financialYearRange(thisYear));
    const query = request.query as Record<string, unknown>;
    const added = yearOf(query.added);
    const saved = yearOf(query.saved);
    return reply.page(view('population-list'), {
      title: 'Population estimates',
      section: SECTION,
      mayChange: can(ctx.actor, 'dataset.configure').allowed,
      rows: years.map((y) => ({
        ...y,
        total: number(y.total),
        incomplete: y.ages !== 18,
        changed: `${formatDate(y.updatedAt)}${y.updatedBy ? ` by ${names.get(y.updatedBy) ?? 'a former user'}` : ''}`,
      })),
      thisYear,
      nextShort: String((thisYear + 1) % 100).padStart(2, '0'),
      used: used ? { year: used.year, total: number(used.total) } : null,
      datasetInputLinks: datasetInputLinks(ctx.actor),
      flash: added ? `Estimates for ${added} added` : saved ? `Estimates for ${saved} saved` : undefined,
    });
  });

  const formPage = (reply: FastifyReply, mode: 'new' | 'edit', values: Record<string, unknown>, errors: FormErrors = noErrors()) =>
    reply.status(errors.summary.length ? 400 : 200).page(view('population-form'), {
      title: mode === 'new' ? 'Add a year’s population estimates' : `Change the population estimates for ${values.year}`,
      section: SECTION,
      mode,
      action: mode === 'new' ? `${BASE}/new` : `${BASE}/${values.year}/edit`,
      values,
      ages: ageRows(values, errors),
      errors,
      maxSource: MAX_SOURCE,
    });

  app.get(`${BASE}/new`, async (request, reply) => {
    authorise(request.ctx(), 'dataset.configure');
    return formPage(reply, 'new', { year: '', source: '', idempotencyKey: idempotencyKeyOf() });
  });

  app.post(`${BASE}/new`, async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'dataset.configure');
    const body = formOf(request);
    const values = { ...valuesOf(body), idempotencyKey: idempotencyKeyOf(body) };
    const parsed = newYearForm.safeParse(values);
    if (!parsed.success) return formPage(reply, 'new', values, zodErrors(parsed.error));
    const { year, source } = parsed.data;
    try {
      await addYear(ctx.db, ctx.actor.id, { year, counts: countsOf(parsed.data), source }, values.idempotencyKey);
    } catch (error) {
      if (error instanceof FieldProblem) return formPage(reply, 'new', values, addError(noErrors(), error.field, error.message));
      throw error;
    }
    return reply.redirect(`${BASE}?added=${year}`, 303);
  });

  const importPage = (reply: FastifyReply, values: { csv: string; source: string }, errors: FormErrors = noErrors()) =>
    reply.status(errors.summary.length ? 400 : 200).page(view('population-import'), { title: 'Import population estimates', section: SECTION, values, errors, maxSource: MAX_SOURCE });

  app.get(`${BASE}/import`, async (request, reply) => {
    authorise(request.ctx(), 'dataset.configure');
    return importPage(reply, { csv: '', source: '' });
  });

  // The upload is multipart, parsed only in this child context, after access is decided: nobody who may not
  // import can make the server hold a file.
  await app.register(async (upload) => {
    upload.addHook('preValidation', async (request) => {
      if (String(request.headers['content-type'] ?? '').startsWith('multipart/')) authorise(request.ctx(), 'dataset.configure');
    });
    await upload.register(fastifyMultipart, {
      attachFieldsToBody: 'keyValues',
      onFile: keepFile,
      throwFileSizeLimit: false,
      limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 10, fieldSize: MAX_FILE_BYTES, parts: 12, headerPairs: 100 },
    });
    upload.post(`${BASE}/import`, async (request, reply) => {
      const ctx = request.ctx();
      authorise(ctx, 'dataset.configure');
      const body = formOf(request);
      const values = { csv: text(body, 'csv'), source: text(body, 'source').trim() };
      const file = fileOf(body);
      const errors = noErrors();
      if (values.source.length > MAX_SOURCE) addError(errors, 'source', `Where the figures come from must be ${MAX_SOURCE} characters or fewer`);
      let csv: string | null = null;
      if (file && values.csv.trim()) addError(errors, 'file', 'Choose a file or paste the figures, not both');
      else if (file) {
        if (file.truncated || file.bytes.byteLength > MAX_FILE_BYTES) addError(errors, 'file', 'The selected file must be smaller than 1MB');
        else if (!file.bytes.byteLength) addError(errors, 'file', 'The selected file is empty');
        else if ((csv = textOf(file.bytes)) === null) addError(errors, 'file', 'The selected file must be a CSV file: save the spreadsheet as “CSV UTF-8” and choose it again');
      } else if (values.csv.trim()) csv = values.csv;
      else addError(errors, 'file', 'Choose a CSV file or paste the figures');
      if (errors.summary.length || csv === null) return importPage(reply, values, withFileAgain(errors, file));

      const source = values.source || `Imported from ${file ? `the file ${file.fileName}` : 'pasted figures'} on ${formatDate(ukToday())}`;
      const parsed = parsePopulationCsv(csv, source.slice(0, MAX_SOURCE));
      if (parsed.problems.length) return importPage(reply, values, withFileAgain(problemErrors(parsed.problems, file ? 'file' : 'csv'), file));
      const imported = await importYears(ctx.db, ctx.actor.id, parsed.years);
      return reply.page(view('population-imported'), {
        title: 'Population estimates imported',
        section: SECTION,
        rows: imported.map((y) => ({ year: y.year, what: y.before === null ? 'Added' : 'Replaced', before: y.before === null ? '' : number(y.before), total: number(y.total) })),
        source,
      });
    });
  });

  /** The year in the path, held, after access is decided: anything else is not found. */
  const heldYear = async (request: FastifyRequest, action: 'aggregates.view' | 'dataset.configure') => {
    const ctx = request.ctx();
    authorise(ctx, action);
    const year = yearOf((request.params as { year?: unknown }).year);
    const held = year === null ? null : await populationYear(ctx.db, year);
    if (!held) throw new NotFoundError('There are no population estimates for this year.');
    return { ctx, held };
  };

  app.get(`${BASE}/:year`, async (request, reply) => {
    const { ctx, held } = await heldYear(request, 'aggregates.view');
    const names = await userNames(ctx.db, [held.updatedBy]);
    return reply.page(view('population-year'), {
      title: `Population estimates for ${held.year}`,
      section: SECTION,
      held,
      total: number(held.total),
      rows: AGES.map((age) => ({ label: ageLabel(age), count: held.counts[age] === null ? 'Not held' : number(held.counts[age]!) })),
      changed: `${formatDate(held.updatedAt)}${held.updatedBy ? ` by ${names.get(held.updatedBy) ?? 'a former user'}` : ''}`,
      mayChange: can(ctx.actor, 'dataset.configure').allowed,
    });
  });

  app.get(`${BASE}/:year/edit`, async (request, reply) => {
    const { held } = await heldYear(request, 'dataset.configure');
    const values = { year: String(held.year), source: held.source, stamp: held.stamp, ...Object.fromEntries(AGES.map((age) => [ageField(age), held.counts[age] === null ? '' : String(held.counts[age])])) };
    return formPage(reply, 'edit', values);
  });

  app.post(`${BASE}/:year/edit`, async (request, reply) => {
    const { ctx, held } = await heldYear(request, 'dataset.configure');
    const body = formOf(request);
    const values = { ...valuesOf(body), year: String(held.year), stamp: text(body, 'stamp') };
    const parsed = editYearForm.safeParse(values);
    const refusal: Refusal = { backHref: `${BASE}/${held.year}/edit`, backText: `Look at the estimates for ${held.year} as they are now`, section: SECTION, entered: enteredOf(values) };
    return guarded(reply, refusal, async () => {
      if (!parsed.success) return formPage(reply, 'edit', values, versionProblemOn(zodErrors(parsed.error), ageField(0)));
      await replaceYear(ctx.db, ctx.actor.id, parsed.data.stamp, { year: held.year, counts: countsOf(parsed.data), source: parsed.data.source });
      return reply.redirect(`${BASE}?saved=${held.year}`, 303);
    });
  });
}

/** The import's problems, each linking to where the figures came from, with a note of any not listed. */
function problemErrors(problems: ImportProblem[], field: 'file' | 'csv'): FormErrors {
  const errors = noErrors();
  const count = problems.length;
  errors.fields[field] = { text: `${count === 1 ? 'There is a problem' : `There are ${number(count)} problems`} with the figures: nothing has been imported` };
  for (const p of problems.slice(0, MAX_SHOWN_PROBLEMS)) errors.summary.push({ text: p.message, href: `#${field}` });
  if (count > MAX_SHOWN_PROBLEMS) errors.summary.push({ text: `And ${number(count - MAX_SHOWN_PROBLEMS)} more problems not listed here`, href: `#${field}` });
  return errors;
}

/** The browser does not keep a chosen file when the form comes back (GOV.UK file upload pattern). */
function withFileAgain(errors: FormErrors, file: UploadedCsv | null): FormErrors {
  if (file && !errors.fields.file) addError(errors, 'file', 'Select the file again');
  return errors;
}

/** A form's version (or stamp) is a hidden field: its problem links to the form's first box instead. */
export function versionProblemOn(errors: FormErrors, field: string): FormErrors {
  for (const item of errors.summary) if (item.href === '#version' || item.href === '#stamp') item.href = `#${field}`;
  return errors;
}
