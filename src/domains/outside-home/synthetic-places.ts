import { LOCALITIES, type Locality } from '../people/localities.ts';
import type { Rng } from '../../synthetic/rng.ts';
import type { SyntheticContext } from '../../synthetic/types.ts';
import type { PlaceKind } from './tables.ts';

/**
 * The synthetic authority's places of concern: a fixed list per locality, each written once (the first time a child
 * is linked to it) and named from its locality and position alone, so that every child's part can name it without
 * reading what another wrote. Larger authorities have more places (as many sets as assessment teams per locality).
 */

export interface SyntheticPlace {
  id: string;
  name: string;
  kind: PlaceKind;
}

/** The kinds of a locality's places, in order: a set of eight, repeated. */
const KINDS: PlaceKind[] = ['transport_hub', 'shop', 'park', 'address', 'shop', 'leisure', 'school', 'address'];
const TOWNS: Record<Locality, string[]> = {
  north_west_rural: ['Kestrel Vale', 'Millbourne', 'Holmwood'],
  central_east: ['Brackenridge', 'Larchfield', 'Eastmoor'],
  south: ['Sedgecombe', 'Fernbank', 'Coldharbour'],
  out_of_area: ['Thornbury City', 'Ashwick'],
};
const STREETS = ['Station Road', 'High Street', 'Mill Lane', 'Church Street', 'Victoria Road', 'Market Street', 'Queen Street', 'Canal Walk', 'Tanner’s Row', 'Orchard Way', 'Bridge Street'];
const SHOPS = ['Chicken Shack', 'Late-night off-licence', 'Kebab house', 'Vape shop', 'Phone repair shop', 'Pizza takeaway'];
const PARKS = ['Memorial', 'Riverside', 'Victoria', 'Jubilee', 'Oakfield'];
const LEISURE = ['leisure centre', 'skate park', 'retail park car park', 'bowling alley'];

/** What a place of each kind is known for (the register's description). */
const DESCRIPTIONS: Record<PlaceKind, string> = {
  transport_hub: 'Children found here when missing, some travelling out of the area.',
  shop: 'Young people seen being bought food and offered lifts by older males late at night.',
  park: 'Young people gather here after dark; drinking and fights reported.',
  address: 'Children found here when missing; police believe the address is used by people exploiting children.',
  leisure: 'A meeting place for groups of young people; staff report older people waiting outside.',
  school: 'Older young people wait at the gate at the end of the school day.',
  online: 'A messaging app group used to arrange meeting places and invite children to parties.',
  other: 'A place of concern.',
};

const letters = 'ABDEFGHJLNPQRSTUWXYZ';

/** The register of places began two years before the end of the data; nothing here is older. */
export const REGISTER_YEARS = 2;

/** How many places each locality has: eight for each assessment team the locality has. */
export function placesPerLocality(ctx: SyntheticContext): number {
  const localities = LOCALITIES.length - 1;
  return 8 * Math.max(1, Math.round(ctx.org.socialCare.assessment.length / localities));
}

/** The place in this slot of a locality, written the first time anyone asks for it. */
export function place(ctx: SyntheticContext, locality: Locality, slot: number, since: string): SyntheticPlace {
  const kind = KINDS[slot % KINDS.length]!;
  const towns = TOWNS[locality];
  const round = Math.floor(slot / KINDS.length);
  const town = towns[round % towns.length]!;
  const street = STREETS[(slot * 7 + round) % STREETS.length]!;
  const n = Math.floor(round / towns.length);
  const name = {
    transport_hub: `${town} ${n % 2 ? 'railway' : 'bus'} station${n > 1 ? ` (${street})` : ''}`,
    shop: `${SHOPS[(slot + n) % SHOPS.length]}, ${street}, ${town}`,
    park: `${PARKS[(round + n) % PARKS.length]} Park, ${town}`,
    address: `Flat ${(slot % 9) + 1}, ${slot + 3} ${street}, ${town}`,
    leisure: `${town} ${LEISURE[(round + n) % LEISURE.length]}${n > 0 ? ` (${street})` : ''}`,
    school: `${town} Academy school gate${n > 0 ? ` (${street})` : ''}`,
    online: '',
    other: '',
  }[kind];
  const localityIndex = LOCALITIES.findIndex((l) => l.key === locality);
  const prefixes: readonly string[] = LOCALITIES[localityIndex]!.postcodePrefixes;
  const postcode = prefixes.length ? `${prefixes[slot % prefixes.length]}${letters[slot % letters.length]}${letters[(slot * 3 + localityIndex) % letters.length]}` : null;
  const id = ctx.once(`outside-home:place:${locality}:${slot}`, () => {
    const placeId = ctx.id(since);
    ctx.add('places', { id: placeId, name, kind, locality, postcode, description: DESCRIPTIONS[kind], closed_on: null, ...ctx.stamp(since, ctx.org.partnerUserIds.police), version: 1 });
    return placeId;
  });
  return { id, name, kind };
}

/** The one online place every locality shares. */
export function onlinePlace(ctx: SyntheticContext, since: string): SyntheticPlace {
  const name = 'Group chat on a messaging app';
  const id = ctx.once('outside-home:place:online', () => {
    const placeId = ctx.id(since);
    ctx.add('places', { id: placeId, name, kind: 'online', locality: null, postcode: null, description: DESCRIPTIONS.online, closed_on: null, ...ctx.stamp(since, ctx.org.partnerUserIds.police), version: 1 });
    return placeId;
  });
  return { id, name, kind: 'online' };
}

/**
 * A slot drawn with a few hot spots (the first places of a locality far more often than the last), so that several
 * children are found at the same places, as in life. Schools are skipped for children found when missing.
 */
export function hotSpot(ctx: SyntheticContext, rng: Rng, options: { school?: boolean } = {}): number {
  const slots = placesPerLocality(ctx);
  let slot = Math.floor(slots * rng.next() ** 2.5);
  if (!options.school && KINDS[slot % KINDS.length] === 'school') slot = (slot + 1) % slots;
  return slot;
}
