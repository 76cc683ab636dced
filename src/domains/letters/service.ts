import { authorisePerson, type RequestContext } from '../../platform/access/authorise.ts';
import { userNames } from '../../platform/auth/users.ts';
import { ukDate, ukToday } from '../../platform/calendar/working-days.ts';
import { HttpError, NotFoundError, StateError } from '../../platform/http/errors.ts';
import { findIdempotentResource } from '../../platform/http/idempotency.ts';
import { formatDate } from '../../platform/views/format.ts';
import { conferencePage } from '../child-protection/service-conference.ts';
import { planPage } from '../child-protection/service-plan.ts';
import { childProtectionOf } from '../child-protection/service-view.ts';
import { CONFERENCE_KINDS, categoryLabel } from '../child-protection/model.ts';
import type { DocumentDeps } from '../documents/service.ts';
import { storeGeneratedDocument } from '../documents/service-generated.ts';
import { OUTCOMES } from '../front-door/codes.ts';
import { decidedContactsAbout } from '../front-door/service-letters.ts';
import { type LetterRecipient, letterRecipients } from '../people/service-letters.ts';
import { type PersonHeading, personHeading } from '../people/service.ts';
import type { Branding } from './branding.ts';
import { LETTER_TYPES, type LetterType, OUTCOME_LETTERS, outcomeLetterFits, signatoryTitle, worriesFor } from './model.ts';
import { type LetterContext, letterPdf } from './render.ts';
import type { InvitationInput, LetterInput, OutcomeInput, PlanInput } from './schema.ts';

/** What writing letters needs beyond the request: where documents go, the letterhead, the Chromium that prints. */
export interface LetterDeps {
  documents: DocumentDeps;
  branding: Branding;
  chromiumPath: string;
}

/**
 * The letters page: each letter the child's record can fill now (an upcoming conference, the current plan, a
 * signed-off contact decision) and the parents and carers they can be written to. Social care's work
 * (`socialcare.work`), audited as a view of the child's child protection record.
 */
export async function letterChoices(ctx: RequestContext, personId: string) {
  const cp = await childProtectionOf(ctx, personId);
  const [heading, contacts, recipients] = await Promise.all([personHeading(ctx, personId), decidedContactsAbout(ctx, personId), letterRecipients(ctx, personId)]);
  return {
    heading,
    recipients,
    conferences: cp.conferences.filter((c) => c.state === 'scheduled').map((c) => ({ id: c.id, kind: CONFERENCE_KINDS[c.kind], due: c.due_date })),
    plans: cp.plans.filter((p) => !p.end_date).map((p) => ({ id: p.id, start: p.start_date, categories: p.categories.map(categoryLabel).join(', ') })),
    contacts: contacts.map((c) => ({ id: c.id, received: c.receivedAt, decided: c.decidedAt, outcome: OUTCOMES[c.outcome], fits: outcomeLetterFits(c.outcome) })),
  };
}

/** Refuses (403, audited) anyone who may not write letters on this child's record, before anything else is read. */
export async function mayWriteOrThrow(ctx: RequestContext, personId: string): Promise<void> {
  await authorisePerson(ctx, personId, 'socialcare.work', { audit: false });
}

/** The record a letter is filled from, read and checked; what the form shows about it; how to fill the letter. */
interface Source {
  heading: PersonHeading;
  recipients: LetterRecipient[];
  /** Lines describing the record on the form ("Review child protection conference, due by 12 January 2027"). */
  about: { key: string; value: string }[];
  /** Values the form starts with. */
  defaults: Record<string, unknown>;
  fill: (input: LetterInput, common: Omit<LetterContext, 'type' | 'conference' | 'plan' | 'contact'>) => { letter: LetterContext; title: string };
}

const today = () => ukToday();

/** Reads the record a letter is about, deciding access (social care staff who may work on the child) and auditing the view. */
export async function letterSource(ctx: RequestContext, personId: string, type: LetterType, sourceId: string): Promise<Source> {
  const source = LETTER_TYPES[type].source;
  if (source === 'conference') {
    const page = await conferencePage(ctx, sourceId);
    if (page.row.person_id !== personId) throw new NotFoundError();
    if (page.row.held_on) throw new StateError('This conference has already been held, so no invitation can be written for it.');
    const recipients = await letterRecipients(ctx, personId);
    return {
      heading: page.heading,
      recipients,
      about: [{ key: 'Conference', value: `${CONFERENCE_KINDS[page.row.kind]}, due by ${formatDate(page.row.due_date)}` }],
      defaults: { meetingDate: page.row.due_date },
      fill: (input, common) => {
        const i = input as InvitationInput;
        return {
          letter: { ...common, type: 'conference-invitation', conference: { kind: page.row.kind, date: i.meetingDate, time: i.meetingTime, place: i.place } },
          title: `Invitation to a child protection conference — ${formatDate(i.meetingDate)}`,
        };
      },
    };
  }
  if (source === 'plan') {
    const page = await planPage(ctx, sourceId);
    if (page.row.person_id !== personId) throw new NotFoundError();
    if (!page.active) throw new StateError('This child protection plan has ended, so it cannot be written for the family.');
    const recipients = await letterRecipients(ctx, personId);
    const review = page.conferences.filter((c) => !c.held_on).map((c) => c.due_date).sort()[0] ?? null;
    const coreGroups = page.coreGroups.filter((g) => !g.held_on).map((g) => g.due_date).sort();
    return {
      heading: page.heading,
      recipients,
      about: [
        { key: 'Plan started', value: formatDate(page.row.start_date) },
        { key: 'Categories', value: page.row.categories.map(categoryLabel).join(', ') },
        { key: 'Next review conference', value: review ? `Due by ${formatDate(review)}` : 'None scheduled' },
        { key: 'Next core group', value: coreGroups[0] ? `Due by ${formatDate(coreGroups[0])}` : 'None scheduled' },
      ],
      defaults: {},
      fill: (input, common) => {
        const i = input as PlanInput;
        return {
          letter: {
            ...common,
            type: 'family-plan',
            plan: { startDate: page.row.start_date, worries: worriesFor(page.row.categories, page.heading.givenName), moreWorries: i.moreWorries, changes: i.changes, tasks: i.tasks, coreGroupDates: coreGroups, reviewDate: review },
          },
          title: `Child protection plan for the family — ${formatDate(common.letterDate)}`,
        };
      },
    };
  }
  await authorisePerson(ctx, personId, 'socialcare.work');
  const contact = (await decidedContactsAbout(ctx, personId)).find((c) => c.id === sourceId);
  if (!contact) throw new NotFoundError();
  const words = OUTCOME_LETTERS[contact.outcome];
  if (!words) throw new StateError('A letter is not written to the family after a decision to hold a strategy discussion: the social worker and police decide together how and when the family is told.');
  const [heading, recipients] = await Promise.all([personHeading(ctx, personId), letterRecipients(ctx, personId)]);
  const decidedOn = ukDate(contact.decidedAt);
  return {
    heading,
    recipients,
    about: [
      { key: 'Contact received', value: formatDate(ukDate(contact.receivedAt)) },
      { key: 'Decision', value: `${OUTCOMES[contact.outcome]}, signed off ${formatDate(decidedOn)}` },
    ],
    defaults: {},
    fill: (input, common) => {
      void (input as OutcomeInput);
      return {
        letter: { ...common, type: 'contact-outcome', contact: { receivedDate: ukDate(contact.receivedAt), decided: words.decided, next: words.next } },
        title: `Outcome of a contact — ${formatDate(decidedOn)}`,
      };
    },
  };
}

/** The letter as it will print, from the record and what was typed; a recipient not offered is refused. */
export async function composeLetter(ctx: RequestContext, deps: Pick<LetterDeps, 'branding'>, source: Source, input: LetterInput) {
  const recipient = source.recipients.find((r) => r.id === input.recipientId);
  if (!recipient) return null;
  const names = await userNames(ctx.db, [ctx.actor.id]);
  const common = {
    branding: deps.branding,
    letterDate: today(),
    recipient: { name: recipient.name, addressLines: recipient.addressLines },
    child: { givenName: source.heading.givenName, fullName: `${source.heading.givenName} ${source.heading.familyName}` },
    signatory: { name: names.get(ctx.actor.id) ?? 'Children’s Services', title: signatoryTitle(ctx.actor.roles) },
    note: input.note,
  };
  return { ...source.fill(input, common), recipient };
}

/**
 * Prints the letter and stores it on the child's record as a document of type 'letter', through the documents
 * service (checked, stored, audited, "Document added: Letter" on the chronology, never naming the recipient). A
 * repeated submission finds the document the first one stored before printing again, and the documents service's
 * own idempotency settles two that race.
 */
export async function createLetter(ctx: RequestContext, deps: LetterDeps, personId: string, type: LetterType, composed: NonNullable<Awaited<ReturnType<typeof composeLetter>>>, idempotencyKey: string): Promise<string> {
  const earlier = await findIdempotentResource(ctx.db, { key: idempotencyKey, userId: ctx.actor.id, resourceType: 'document' });
  if (earlier) return earlier;
  let pdf: Buffer;
  try {
    pdf = await letterPdf(composed.letter, deps.chromiumPath);
  } catch {
    // The error names Chromium's paths and arguments, not the letter; nothing about the family reaches the log.
    throw new HttpError(503, 'Sorry, the letter could not be made into a PDF', 'Nothing has been saved. Try again in a few minutes. If it happens again, tell your IT service desk that printing letters is not working.');
  }
  return storeGeneratedDocument(
    ctx,
    deps.documents,
    personId,
    { title: composed.title, documentType: 'letter', documentDate: composed.letter.letterDate, description: `${LETTER_TYPES[type].name}, written to ${composed.recipient.name} (${composed.recipient.relationship.toLowerCase()}) in Cairn.`, idempotencyKey },
    { fileName: LETTER_TYPES[type].fileName, bytes: pdf },
  );
}
