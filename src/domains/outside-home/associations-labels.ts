import type { AssociationNature, Confidence } from './tables.ts';

/** What links the child to the other person, in practitioners' words. */
export const NATURES: Record<AssociationNature, string> = {
  peer: 'Peer',
  friend: 'Friend',
  partner: 'Boyfriend, girlfriend or partner',
  sibling: 'Brother or sister',
  adult_of_concern: 'Adult of concern',
  suspected_exploiter: 'Suspected exploiter',
  other: 'Other',
};

/** Natures that only describe an adult, and those that only describe another young person. */
export const ADULT_NATURES: readonly AssociationNature[] = ['adult_of_concern', 'suspected_exploiter'];
export const PEER_NATURES: readonly AssociationNature[] = ['peer'];

/** How sure the partnership is of the link: drawn differently on the network graph. */
export const CONFIDENCE: Record<Confidence, string> = {
  confirmed: 'Confirmed',
  likely: 'Likely',
  possible: 'Possible',
};

/** Where the information came from: the same list as incidents at places. */
export { INFORMATION_SOURCES } from './places-labels.ts';

export const ASSOCIATION_RECORD = 'association';

/** The chronology entries an association writes on each child at either end, and their labels. */
export const ASSOCIATION_CHRONOLOGY = { recorded: 'association.recorded', ended: 'association.ended' } as const;
export const ASSOCIATION_CHRONOLOGY_LABELS: Record<string, string> = {
  [ASSOCIATION_CHRONOLOGY.recorded]: 'Association recorded',
  [ASSOCIATION_CHRONOLOGY.ended]: 'Association ended',
};

/** What kind of person the other end is, never who: a child's chronology names no one else. */
export const otherInWords = (otherIsAdult: boolean) => (otherIsAdult ? 'an adult' : 'another young person');

/** "An association with an adult was recorded (likely)". */
export const associationRecordedSummary = (otherIsAdult: boolean, confidence: Confidence) =>
  `An association with ${otherInWords(otherIsAdult)} was recorded (${CONFIDENCE[confidence].toLowerCase()})`;
