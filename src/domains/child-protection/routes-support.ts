import type { FastifyReply } from 'fastify';
import { guarded, type Refusal } from '../../platform/http/forms.ts';
import type { FormErrors } from '../../platform/views/form-errors.ts';
import type { FormBody } from '../../platform/views/form-fields.ts';
import { type AttendeeRow, checkRows, readRows } from './attendance.ts';
import * as repo from './repository.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';

/** What the child protection pages share: template names, the navigation section, and refusals shown as pages. */
export const view = (name: string) => `domains/child-protection/views/${name}.njk`;
export const SECTION = 'social-care';

export const personCpHref = (personId: string) => `/people/${personId}/child-protection`;

/** Refusals (someone else changed it, or its state does not allow the step) as a page leading back to the record. */
export const refusedAt = (reply: FastifyReply, backHref: string, backText: string, entered: { label: string; value: string }[], work: () => Promise<unknown>) =>
  guarded(reply, { backHref, backText, section: SECTION, entered } satisfies Refusal, work);

/** Reads and checks the attendance rows against the agencies list. */
export async function attendanceFrom(ctx: RequestContext, body: FormBody, errors: FormErrors): Promise<{ rows: AttendeeRow[]; attendees: ReturnType<typeof checkRows> }> {
  const rows = readRows(body);
  const agencies = new Set((await repo.listAgencies(ctx.db)).map((a) => a.id));
  return { rows, attendees: checkRows(rows, agencies, errors) };
}


