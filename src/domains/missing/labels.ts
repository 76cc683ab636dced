import type { ExploitationLevel, RiskLevel } from '../../db/types-social-care.ts';

/** The 903 distinction, in the words on the report form. */
export const MISSING_KINDS: Record<'missing' | 'absent', { name: string; code: 'M' | 'A'; hint: string }> = {
  missing: {
    name: 'Missing',
    code: 'M',
    hint: 'Not where they should be and nobody knows where they are.',
  },
  absent: {
    name: 'Absent (away without permission)',
    code: 'A',
    hint: 'Not where they should be, but where they are is known (for example, at a friend’s house), and the parent or carer is worried or has told the police or social care.',
  },
};

export const RISK_LEVELS: Record<RiskLevel, { name: string; hint: string; colour: string }> = {
  low: { name: 'Low', hint: 'No apparent risk beyond being away: for example, late home and known to be with family.', colour: 'green' },
  medium: { name: 'Medium', hint: 'The child is likely to come to harm or be the subject of a crime, or to harm others.', colour: 'yellow' },
  high: { name: 'High', hint: 'Immediate risk of serious harm: for example, very young, vulnerable, exploited, or with suicidal thoughts.', colour: 'red' },
};

export const EXPLOITATION_LEVELS: Record<ExploitationLevel, { name: string; colour: string }> = {
  none: { name: 'No concerns', colour: 'grey' },
  low: { name: 'Low', colour: 'green' },
  medium: { name: 'Medium', colour: 'yellow' },
  high: { name: 'High', colour: 'red' },
};

/** The three kinds of exploitation the screening rates, with the MET hub category each refers under. */
export const EXPLOITATION_KINDS = {
  sexual_exploitation: { name: 'Child sexual exploitation', panelIssue: 'cse' },
  criminal_exploitation: { name: 'Child criminal exploitation or county lines', panelIssue: 'cce' },
  trafficking: { name: 'Trafficking or modern slavery', panelIssue: 'trafficking' },
} as const;
export type ExploitationKind = keyof typeof EXPLOITATION_KINDS;
export const EXPLOITATION_KIND_KEYS = Object.keys(EXPLOITATION_KINDS) as ExploitationKind[];

/** Signs practitioners look for, in plain words (screening checkboxes and what a return interview found). */
export const EXPLOITATION_INDICATORS: Record<string, string> = {
  going_missing: 'Going missing, or coming home late',
  older_associates: 'Friendships or relationships with older people',
  money_phones: 'Unexplained money, clothes, phones or other gifts',
  several_phones: 'More than one phone, or secretive about calls and messages',
  drugs_alcohol: 'Using or holding drugs or alcohol',
  travelling: 'Travelling out of the area, or found far from home',
  injuries: 'Unexplained injuries',
  school: 'Not in school, or a sudden change in attendance or behaviour',
  new_friends: 'New friends the family does not know, or a change of friends',
  hotels: 'Seen in hotels, parties or addresses linked to exploitation',
  sexual_health: 'Sexual health concerns or pregnancy',
  weapons: 'Carrying a weapon',
  arrested: 'Arrested somewhere they have no reason to be',
  online: 'Contact with adults online who ask for images or meetings',
  controlled: 'Seems controlled by someone else, or frightened of someone',
};

export const INTERVIEW_ANSWERS = { accepted: 'Accepted the interview', declined: 'Declined the interview' } as const;
