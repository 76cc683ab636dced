import type { NotificationEvent } from './tables.ts';

/**
 * Every message Cairn sends, in plain English, in one place. A message leaves Cairn for a mailbox or a phone that
 * Cairn cannot protect, so it says only what kind of thing happened, the record's opaque reference and a link: never a
 * child's name, an address, a case detail or who made a decision. Whoever follows the link signs in and sees what the
 * access rules allow. Nothing here may take anything but the reference and the link.
 */
export const EVENT_LABELS: Record<NotificationEvent, { label: string; hint: string }> = {
  case_allocated: { label: 'A case is allocated to me', hint: 'When a manager allocates a child’s case to you.' },
  step_up_received: {
    label: 'A case is stepped up from early help to the front door',
    hint: 'For the front door: when an early help lead professional steps a case up to children’s social care.',
  },
  decision_due_tomorrow: { label: 'A decision or task is due tomorrow', hint: 'Once a day, for each item in your work list that is due tomorrow.' },
  review_overdue: { label: 'A review is overdue', hint: 'Once a day, for each review in your work list that is past its due date.' },
};

const WORDING: Record<NotificationEvent, { subject: string; lead: string }> = {
  case_allocated: { subject: 'A case has been allocated to you', lead: 'A case has been allocated to you in Cairn.' },
  step_up_received: { subject: 'A case has been stepped up to the front door', lead: 'Early help has stepped a case up to the front door.' },
  decision_due_tomorrow: { subject: 'Work due tomorrow', lead: 'Something in your work list in Cairn is due tomorrow.' },
  review_overdue: { subject: 'A review is overdue', lead: 'A review in your work list in Cairn is overdue.' },
};

export interface RenderedMessage {
  subject: string;
  /** Plain text: the email's body, or the whole text message. */
  body: string;
}

/** What one notification says, by email or text message: the event, the reference and the link, nothing else. */
export function renderMessage(event: NotificationEvent, reference: string, url: string): RenderedMessage {
  const words = WORDING[event];
  return {
    subject: `${words.subject} (reference ${reference})`,
    body: [
      words.lead,
      '',
      `Reference: ${reference}`,
      '',
      `Sign in to Cairn to see it: ${url}`,
      '',
      'This message does not contain any details of the case. Do not forward it or reply to it.',
      'You can change which messages you get in Cairn, under Notification settings.',
    ].join('\n'),
  };
}

/** A text message is short: one line and the link. */
export function renderText(event: NotificationEvent, reference: string, url: string): RenderedMessage {
  const words = WORDING[event];
  return { subject: words.subject, body: `Cairn: ${words.lead} Reference ${reference}. ${url}` };
}

/**
 * A record's short reference for messages: the last eight characters of its id, which are random in every id Cairn
 * makes (the first characters of a time-ordered id are its creation time, shared by records made together). It means
 * nothing outside Cairn; inside, the link leads to the record.
 */
export function shortReference(recordId: string): string {
  const hex = recordId.replace(/-/g, '');
  return hex.slice(-8).toUpperCase();
}
