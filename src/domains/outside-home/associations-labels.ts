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
