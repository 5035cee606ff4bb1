import type { Season, SOLAR_TERMS, Tip, TipCategory } from '../../../contract/tips.js';
import { toIso } from '../../lib/dates.js';
import type { TipRow } from './tip.table.js';

export function toTip(r: TipRow): Tip {
  return {
    id: r.id,
    estateId: r.estate_id,
    category: r.category as TipCategory,
    season: r.season as Season | null,
    solarTerm: r.solar_term as (typeof SOLAR_TERMS)[number] | null,
    titleZh: r.title_zh,
    titleEn: r.title_en,
    textZh: r.text_zh,
    textEn: r.text_en,
    active: Number(r.active) === 1,
    version: Number(r.version),
    createdAt: toIso(r.created_at)!,
    createdBy: r.created_by,
    updatedAt: toIso(r.updated_at)!,
  };
}
