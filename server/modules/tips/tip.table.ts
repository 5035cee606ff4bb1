import type { Generated, Selectable } from 'kysely';
import type { Ts } from '../../db/schema.js';

/** A tip of the library (C8, E10, E11, T10). */
export interface TipsTable {
  estate_id: string;
  id: string;
  /** utilities | plants | health */
  category: string;
  /** spring | summer | autumn | winter; null = any season */
  season: string | null;
  /** 立冬 …; null = the whole season */
  solar_term: string | null;
  title_zh: string;
  title_en: string;
  text_zh: string;
  text_en: string;
  active: Generated<number>;
  /** Starter tips carry a key so seeding is idempotent; null for the estate's own. */
  seed_key: string | null;
  version: Generated<number>;
  created_at: Ts;
  created_by: string;
  updated_at: Ts;
}
export type TipRow = Selectable<TipsTable>;

declare module '../../db/schema.js' {
  interface DB {
    tips: TipsTable;
  }
}
