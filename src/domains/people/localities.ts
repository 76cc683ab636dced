/**
 * The partnership's localities, which early help and the locality panels (MASG) are organised by and which the
 * early help figures are counted by. A child's locality follows from the postcode of their current address; the
 * demo area's synthetic ZZ99 postcodes are split by sector. A real deployment lists its own postcode districts.
 */
export const LOCALITIES = [
  { key: 'north_west_rural', name: 'North, West and Rural', postcodePrefixes: ['ZZ99 1', 'ZZ99 2', 'ZZ99 3'] },
  { key: 'central_east', name: 'Central and East', postcodePrefixes: ['ZZ99 4', 'ZZ99 5', 'ZZ99 6'] },
  { key: 'south', name: 'South', postcodePrefixes: ['ZZ99 7', 'ZZ99 8', 'ZZ99 9'] },
  { key: 'out_of_area', name: 'Out of area', postcodePrefixes: [] },
] as const;

export type Locality = (typeof LOCALITIES)[number]['key'];

export const LOCALITY_KEYS = LOCALITIES.map((l) => l.key) as [Locality, ...Locality[]];

/** The localities a place or group in the area can be in (not out of area), key → name, for a select. */
export const AREA_LOCALITY_CHOICES: Record<string, string> = Object.fromEntries(LOCALITIES.filter((l) => l.key !== 'out_of_area').map((l) => [l.key, l.name]));

export const localityName = (key: string): string => LOCALITIES.find((l) => l.key === key)?.name ?? key;

/** The locality of a postcode: out of area when no locality claims it, or when there is none. */
export function localityForPostcode(postcode: string | null): Locality {
  const normalised = (postcode ?? '').toUpperCase().replace(/\s+/g, ' ').trim();
  return LOCALITIES.find((l) => l.postcodePrefixes.some((p: string) => normalised.startsWith(p)))?.key ?? 'out_of_area';
}
