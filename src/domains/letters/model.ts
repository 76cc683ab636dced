import type { ContactOutcome } from '../../db/types.ts';
import type { Role } from '../../platform/access/rules.ts';

/** The letters Cairn writes, each filled from one record on the child's file. */
export const LETTER_TYPES = {
  'conference-invitation': { name: 'Invitation to a child protection conference', source: 'conference', fileName: 'conference-invitation.pdf' },
  'family-plan': { name: 'The child protection plan, written for the family', source: 'plan', fileName: 'child-protection-plan-for-the-family.pdf' },
  'contact-outcome': { name: 'What we decided after a contact', source: 'contact', fileName: 'contact-outcome.pdf' },
} as const;
export type LetterType = keyof typeof LETTER_TYPES;
export const isLetterType = (value: string): value is LetterType => Object.hasOwn(LETTER_TYPES, value);

/** Child protection categories as a family would read them (the CIN codes NEG, PHY, EMO, SAB). */
export const WORRIES: Record<string, string> = {
  NEG: 'neglect: that {child} is not always getting the everyday care they need, such as food, warmth, safety, health care or going to school',
  PHY: 'physical harm: that {child} has been hurt, or could be hurt, by someone who looks after them',
  EMO: 'emotional harm: that what {child} sees or hears at home, or how they are treated, is harming how they feel and grow',
  SAB: 'sexual abuse: that {child} has been, or could be, sexually abused',
};

export const worriesFor = (categories: readonly string[], childName: string) =>
  categories.filter((c) => WORRIES[c]).map((c) => WORRIES[c]!.replaceAll('{child}', childName));

/**
 * What each decision means for the family. A strategy discussion is left out: it means the police and social care
 * may be about to act, and telling the family by letter first could put the child at risk.
 */
export const OUTCOME_LETTERS: Partial<Record<ContactOutcome, { decided: string[]; next: string[] }>> = {
  no_further_action: {
    decided: ['We decided that we do not need to do anything more.'],
    next: ['You do not need to do anything. We will keep a record that we were contacted and what we decided.'],
  },
  advice: {
    decided: ['We decided to give advice to the person who contacted us.', 'We will not be doing anything more with your family about this.'],
    next: ['You do not need to do anything. We will keep a record that we were contacted and what we decided.'],
  },
  early_help: {
    decided: ['We decided that our early help service could support your family.', 'Early help is for families who would like some extra support. It is your choice whether to accept it.'],
    next: ['Someone from early help will contact you soon. They will ask what support would help your family.'],
  },
  social_care_referral: {
    decided: ['We decided to ask a social worker to work with your family.'],
    next: ['A social worker will contact you soon. They will meet you and your child to find out what support your family needs. This is called an assessment.'],
  },
};

export const outcomeLetterFits = (outcome: ContactOutcome) => Boolean(OUTCOME_LETTERS[outcome]);

/** "14:30" or "2.30pm" typed in the form, as a letter says it: "2:30pm"; null when it is not a time of day. */
export function readTime(value: string): string | null {
  const m = /^\s*(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?\s*$/i.exec(value);
  if (!m) return null;
  let hours = Number(m[1]);
  const minutes = Number(m[2] ?? '0');
  const suffix = m[3]?.toLowerCase();
  if (minutes > 59) return null;
  if (suffix) {
    if (hours < 1 || hours > 12) return null;
    if (suffix === 'pm' && hours !== 12) hours += 12;
    if (suffix === 'am' && hours === 12) hours = 0;
  } else if (hours > 23 || m[2] === undefined) {
    return null;
  }
  const h12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${h12}:${String(minutes).padStart(2, '0')}${hours < 12 ? 'am' : 'pm'}`;
}

/** The job title under the signature. */
export const signatoryTitle = (roles: readonly Role[]) => (roles.includes('manager') ? 'Team manager, Children’s Services' : 'Social worker, Children’s Services');
