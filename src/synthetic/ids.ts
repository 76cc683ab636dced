import { Rng } from './rng.ts';

const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0');

/**
 * Ids for synthetic rows: the uuid v7 layout (48-bit millisecond time, then random bits) with the random bits drawn
 * from the seed, so the same seed gives the same ids, and ids sort by when the record was made, as live ones do.
 */
export function idMaker(seed: number): (at: Date | string) => string {
  const rng = Rng.for(seed, 'ids');
  const word = () => Math.floor(rng.next() * 0x1_0000_0000);
  return (at) => {
    const ms = (typeof at === 'string' ? Date.parse(at.length === 10 ? `${at}T09:00:00Z` : at) : at.getTime()) || 0;
    const time = hex(Math.max(0, ms), 12);
    const a = word();
    const b = word();
    const c = word();
    return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(a >>> 20, 3)}-${hex(0x8000 | ((a >>> 6) & 0x3fff), 4)}-${hex(b, 8)}${hex(c >>> 16, 4)}`;
  };
}
