import { random } from '../domains/people/synthetic.ts';

/** A seeded random stream with the draws the synthetic authority needs. Same seed, same sequence. */
export class Rng {
  readonly next: () => number;

  constructor(seed: number) {
    this.next = random(seed);
  }

  /** A stream of its own for a named purpose, so adding draws to one purpose never shifts another's. */
  static for(seed: number, purpose: string, index = 0): Rng {
    let h = (seed ^ 0x9e3779b9) >>> 0;
    for (const c of `${purpose}#${index}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
    return new Rng(h);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A whole number from `low` to `high` inclusive. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }

  /** A key drawn by weight: `{ NEG: 45, EMO: 27 }`. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    let left = this.next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, weight] of entries) {
      left -= weight;
      if (left < 0) return key;
    }
    return entries[entries.length - 1]![0];
  }

  /** A standard normal draw (Box–Muller). */
  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }

  /** A positive duration with the given median and spread (sigma of its logarithm). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** A gamma draw with mean 1 (Marsaglia–Tsang; shape < 1 boosted), for how unevenly a risk falls on children. */
  frailty(shape: number): number {
    const boost = shape < 1 ? Math.pow(this.next(), 1 / shape) : 1;
    const d = (shape < 1 ? shape + 1 : shape) - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.normal();
      const v = Math.pow(1 + c * x, 3);
      if (v <= 0) continue;
      if (Math.log(1 - this.next()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v * boost) / shape;
    }
  }
}
