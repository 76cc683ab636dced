import { createHash } from 'node:crypto';
import { updateAtVersion } from '../../db/versioned.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { userNames } from '../../platform/auth/users.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { htmlToPdf } from '../../platform/pdf/print.ts';
import { formatDate } from '../../platform/views/format.ts';
import { createViewEnvironment } from '../../platform/views/render.ts';
import { REDACTION_REASONS, REQUESTER_KINDS } from './sar-labels.ts';
import * as repo from './sar-repository.ts';
import { auditSar, loadRequest, SAR_MACHINE } from './sar-service.ts';
import type { SarField } from './sar-tables.ts';

const views = createViewEnvironment();

/** The cover letter the officer starts from; they edit it before disclosing. */
export function defaultCoverLetter(request: repo.RequestRow): string {
  return [
    `Dear ${request.requester_name},`,
    '',
    `Subject access request received on ${formatDate(request.received_on)}`,
    '',
    `You asked for a copy of the personal data Brackenshire Safeguarding Partnership holds about ${request.requester_kind === 'subject' ? 'you' : `${request.given_name} ${request.family_name}`}. The records are enclosed, grouped by the service that holds them.`,
    '',
    'Some information has been removed (redacted) where it is about other people, or where an exemption in the Data Protection Act 2018 applies. Each redaction shows the reason, and the redaction log at the end lists them all.',
    '',
    'If you are unhappy with this response you can ask us to review it, or complain to the Information Commissioner’s Office (ico.org.uk, 0303 123 1113).',
    '',
    'Yours sincerely,',
    '',
    'Data Protection Officer',
  ].join('\n');
}

/**
 * The disclosed bundle as one HTML document for the printer: the cover letter, the records with each redaction a
 * black box giving its reason, and the redaction log. A redacted field's text is never put into the document: it is
 * dropped here, before the template sees the item, not hidden by styling.
 */
export async function disclosureHtml(ctx: RequestContext, request: repo.RequestRow, coverLetter: string): Promise<string> {
  const items = await repo.allItems(ctx.db, request.id);
  const redactions = await repo.activeRedactions(ctx.db, request.id);
  const names = await userNames(ctx.db, redactions.map((r) => r.created_by));
  const byItem = new Map<string, typeof redactions>();
  for (const r of redactions) byItem.set(r.item_id, [...(byItem.get(r.item_id) ?? []), r]);

  const sections: { capability: string; items: unknown[] }[] = [];
  items.forEach((item, index) => {
    const mine = byItem.get(item.id) ?? [];
    const whole = mine.find((r) => r.field === null);
    const fields = whole
      ? []
      : (item.fields as unknown as SarField[]).map((f) => {
          const r = mine.find((x) => x.field === f.column);
          return r ? { label: f.label, redacted: REDACTION_REASONS[r.reason] } : { label: f.label, value: f.value };
        });
    let section = sections.at(-1);
    if (section?.capability !== item.capability) sections.push((section = { capability: item.capability, items: [] }));
    section.items.push({ number: index + 1, recordType: item.record_type, date: item.item_date, redacted: whole ? REDACTION_REASONS[whole.reason] : null, fields });
  });
  const numberOf = new Map(items.map((i, n) => [i.id, n + 1]));
  const labelOf = (itemId: string, column: string | null) => {
    if (!column) return 'Whole item';
    const item = items.find((i) => i.id === itemId);
    return (item?.fields as unknown as SarField[] | undefined)?.find((f) => f.column === column)?.label ?? column;
  };
  const log = redactions.map((r) => ({
    item: numberOf.get(r.item_id),
    recordType: r.record_type,
    field: labelOf(r.item_id, r.field),
    // The reviewer's note is for the file, not the requester: it may say whose information was removed.
    reason: REDACTION_REASONS[r.reason],
    by: names.get(r.created_by ?? '') ?? 'A user',
    at: r.created_at,
  }));
  return views.render('domains/governance/views/sar-disclosure.njk', {
    request,
    requesterKind: REQUESTER_KINDS[request.requester_kind],
    subjectName: `${request.given_name} ${request.family_name}`,
    coverLetter: coverLetter.split(/\n{2,}/).map((p) => p.split('\n')),
    sections,
    log,
    itemCount: items.length,
    preparedOn: ukToday(),
  });
}

/**
 * Discloses the reviewed bundle: prints it, stores the PDF and its SHA-256, and records who disclosed it and when.
 * The review must be complete; the request moves to disclosed and its clock stops.
 */
export async function disclose(ctx: RequestContext, id: string, input: { coverLetter: string; version: number }, chromiumPath: string): Promise<string> {
  const request = await loadRequest(ctx, id);
  if (request.version !== input.version) throw new ConflictError('This request was changed by someone else after you opened it. Nothing has been disclosed.');
  SAR_MACHINE.assert(request.status, 'disclosed');
  if (!request.review_completed_at) throw new BadRequestError('Mark the review complete before disclosing.');
  const html = await disclosureHtml(ctx, request, input.coverLetter);
  const pdf = await htmlToPdf(html, { executablePath: chromiumPath, header: 'OFFICIAL-SENSITIVE: subject access disclosure' });
  const sha = createHash('sha256').update(pdf).digest('hex');
  await ctx.db.transaction().execute(async (trx) => {
    const saved = await updateAtVersion(trx, 'sar_requests', id, input.version, {
      status: 'disclosed',
      cover_letter: input.coverLetter,
      pdf,
      pdf_sha256: sha,
      disclosed_at: new Date(),
      disclosed_by: ctx.actor.id,
    });
    if (!saved) throw new ConflictError('This request was changed by someone else after you opened it. Nothing has been disclosed.');
    await auditSar(trx, ctx, 'sar.disclose', request);
  });
  return sha;
}

/** The PDF as disclosed, for downloading again; each download is audited. */
export async function disclosedPdf(ctx: RequestContext, id: string): Promise<{ pdf: Buffer; sha: string }> {
  const request = await loadRequest(ctx, id);
  const stored = await repo.readPdf(ctx.db, id);
  if (request.status !== 'disclosed' || !stored?.pdf || !stored.sha) throw new NotFoundError('This request has not been disclosed.');
  await auditSar(ctx.db, ctx, 'sar.download', request);
  return { pdf: Buffer.from(stored.pdf), sha: stored.sha };
}
