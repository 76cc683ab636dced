/**
 * Drawing an audit sample: a seeded shuffle, so the same candidates and seed always give the same children (the
 * seed is stored with the audit and the draw can be explained), and a description of each child without a name.
 * The generator is the demo's seeded one (mulberry32): plenty for choosing cases, never for secrets.
 */
import { random as seeded } from '../people/synthetic.ts';


/** `size` of the candidates (all of them when there are fewer), chosen by a Fisher–Yates shuffle from the seed. */
export function drawSample<T extends { personId: string }>(candidates: readonly T[], size: number, seed: number): T[] {
  const pool = [...candidates].sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
  const random = seeded(seed);
  const take = Math.min(size, pool.length);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, take);
}

/** Whole years from a date of birth to a day. */
export function ageOn(dateOfBirth: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return day.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

/** "Girl aged 7", "Boy aged under 1", "Child, age not known": who the child is in an audit, never their name. */
export function describeChild(sex: string | null, dateOfBirth: string | null, on: string): string {
  const who = sex === 'F' ? 'Girl' : sex === 'M' ? 'Boy' : 'Child';
  if (!dateOfBirth) return `${who}, age not known`;
  const age = Math.max(0, ageOn(dateOfBirth, on));
  return `${who} aged ${age < 1 ? 'under 1' : age}`;
}

/** A new seed for a random draw: any 31-bit number, stored so the draw can be repeated. */
export const newSeed = (): number => Math.floor(Math.random() * 2 ** 31);
