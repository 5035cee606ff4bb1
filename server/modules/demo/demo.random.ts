import type { Gender, Generation, Weighted } from './demo.names.js';
import { GIVEN_NAMES, SURNAMES } from './demo.names.js';
import { PLATE_LETTERS, PLATE_PREFIXES } from './demo.vocabulary.js';

// Seeded randomness for the demo: everything random comes from one seeded PRNG, so a seed always
// gives the same names, phones and plates.

export const DEFAULT_SEED = 20261127;

/** mulberry32: a tiny, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(items: Weighted<T>): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [v, w] of items) {
      r -= w;
      if (r < 0) return v;
    }
    return items[items.length - 1][0];
  }
  /** k distinct items, in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  }
  /** k distinct weighted items. */
  weightedSample<T>(items: Weighted<T>, k: number): T[] {
    const left = items.slice();
    const out: T[] = [];
    while (out.length < k && left.length > 0) {
      const v = this.weighted(left);
      out.push(v);
      left.splice(
        left.findIndex(([x]) => x === v),
        1,
      );
    }
    return out;
  }
}

const SURNAME_CUMULATIVE = (() => {
  let total = 0;
  return SURNAMES.map(([, , w]) => {
    total += w;
    return total;
  });
})();

export function pickSurname(rng: Rng): readonly [string, string] {
  const r = rng.float() * SURNAME_CUMULATIVE[SURNAME_CUMULATIVE.length - 1];
  let lo = 0;
  let hi = SURNAME_CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (SURNAME_CUMULATIVE[mid] > r) hi = mid;
    else lo = mid + 1;
  }
  const [s, p] = SURNAMES[lo];
  return [s, p];
}

export interface PersonName {
  name: string;
  pinyin: string;
  surname: readonly [string, string];
}

export function personName(
  rng: Rng,
  gender: Gender,
  generation: Generation,
  surname?: readonly [string, string],
): PersonName {
  const family = surname ?? pickSurname(rng);
  const [given, givenPinyin] = rng.pick(GIVEN_NAMES[generation][gender]);
  return { name: family[0] + given, pinyin: family[1] + givenPinyin, surname: family };
}

const PHONE_PREFIXES = [
  ...Array.from({ length: 10 }, (_, i) => `13${i}`),
  ...['150', '151', '152', '153', '155', '156', '157', '158', '159'],
  ...Array.from({ length: 10 }, (_, i) => `18${i}`),
];

/** A plausible 11-digit mobile number (13x/15x/18x) not yet in `used`. */
export function mobile(rng: Rng, used: Set<string>): string {
  for (;;) {
    const n = `${rng.pick(PHONE_PREFIXES)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
    if (!used.has(n)) {
      used.add(n);
      return n;
    }
  }
}

const PLATE_LETTER_LIST = [...PLATE_LETTERS];

const PLATE_FORMS: Weighted<string> = [
  ['DDDDD', 55],
  ['DDDDL', 14],
  ['LDDDD', 12],
  ['DLDDD', 9],
  ['DDLDL', 5],
  ['DDDLL', 5],
];

/** A Beijing plate (京N8K2L5, 京AD12345 for new-energy cars) not yet in `used`. */
export function plate(rng: Rng, used: Set<string>): string {
  for (;;) {
    const prefix = rng.weighted(PLATE_PREFIXES);
    let serial: string;
    if (rng.chance(0.18)) {
      serial = (rng.chance(0.8) ? 'D' : 'F') + String(rng.int(0, 99_999)).padStart(5, '0');
    } else {
      serial = [...rng.weighted(PLATE_FORMS)]
        .map((c) => (c === 'D' ? String(rng.int(0, 9)) : rng.pick(PLATE_LETTER_LIST)))
        .join('');
    }
    const p = `京${prefix}${serial}`;
    if (!used.has(p)) {
      used.add(p);
      return p;
    }
  }
}

export const DAY_MS = 86_400_000;
export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
