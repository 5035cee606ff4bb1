import type { CatalogEntry, CreateCatalogEntryBody } from './catalogApi';

/** Pure pieces of the catalog form: prices in yuan on screen, fen on the wire. */

export const PRIORITY_KEYS = ['urgent', 'high', 'normal', 'low'] as const;

/** Category codes the product knows (names in the locale file); others may be typed. */
export const CATEGORY_CODES = [
  'plumbing',
  'electrical',
  'carpentry',
  'general',
  'hvac',
  'access',
  'loan',
  'help',
  'greening',
  'pest_control',
  'reminder',
] as const;

/** 3500 fen → 35; null stays null. */
export const fenToYuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? null : fen / 100;
/** 35.5 yuan → 3550 fen (rounded to the fen). */
export const yuanToFen = (yuan: number | null | undefined) =>
  yuan === null || yuan === undefined ? null : Math.round(yuan * 100);

/** "¥35.00", or the words for free / quoted entries (given by the caller). */
export function priceText(
  e: Pick<CatalogEntry, 'priceKind' | 'priceFen'>,
  free: string,
  quote: string,
): string {
  if (e.priceKind === 'free') return free;
  if (e.priceKind === 'quote') return quote;
  return `¥${((e.priceFen ?? 0) / 100).toFixed(2)}`;
}

export interface CatalogFormValues {
  code: string;
  name: string;
  nameEn?: string;
  description?: string;
  descriptionEn?: string;
  team: CatalogEntry['team'];
  category: string;
  visibility: CatalogEntry['visibility'];
  priceKind: CatalogEntry['priceKind'];
  priceYuan?: number | null;
  freeUrgent: boolean;
  freeNight: boolean;
  freeMaxMaterialYuan?: number | null;
  targets: Record<(typeof PRIORITY_KEYS)[number], { responseMinutes: number; completionMinutes: number }>;
  supervisionCard: boolean;
  revisitAfterDays?: number | null;
  lowScoreThreshold: number;
}

const DEFAULT_TARGETS = {
  urgent: { responseMinutes: 15, completionMinutes: 120 },
  high: { responseMinutes: 30, completionMinutes: 240 },
  normal: { responseMinutes: 120, completionMinutes: 1440 },
  low: { responseMinutes: 480, completionMinutes: 4320 },
};

/** Form values of an entry being edited, or of a new one. */
export function toFormValues(e: CatalogEntry | null): CatalogFormValues {
  if (!e)
    return {
      code: '',
      name: '',
      team: 'technical',
      category: 'general',
      visibility: 'residents',
      priceKind: 'free',
      priceYuan: null,
      freeUrgent: false,
      freeNight: false,
      freeMaxMaterialYuan: null,
      targets: DEFAULT_TARGETS,
      supervisionCard: true,
      revisitAfterDays: 30,
      lowScoreThreshold: 3,
    };
  return {
    code: e.code,
    name: e.name,
    nameEn: e.nameEn ?? undefined,
    description: e.description ?? undefined,
    descriptionEn: e.descriptionEn ?? undefined,
    team: e.team,
    category: e.category,
    visibility: e.visibility,
    priceKind: e.priceKind,
    priceYuan: fenToYuan(e.priceFen),
    freeUrgent: !!e.freeRules?.urgent,
    freeNight: !!e.freeRules?.night,
    freeMaxMaterialYuan: fenToYuan(e.freeRules?.maxMaterialFen),
    targets: e.targets,
    supervisionCard: e.supervisionCard,
    revisitAfterDays: e.revisitPolicy.afterDays,
    lowScoreThreshold: e.revisitPolicy.lowScoreThreshold,
  };
}

/** The request body for the form's values (create; an edit sends the same fields but the code). */
export function toBody(v: CatalogFormValues): CreateCatalogEntryBody {
  const free = {
    ...(v.freeUrgent ? { urgent: true } : {}),
    ...(v.freeNight ? { night: true } : {}),
    ...(v.freeMaxMaterialYuan !== null && v.freeMaxMaterialYuan !== undefined
      ? { maxMaterialFen: yuanToFen(v.freeMaxMaterialYuan)! }
      : {}),
  };
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    nameEn: v.nameEn?.trim() || null,
    description: v.description?.trim() || null,
    descriptionEn: v.descriptionEn?.trim() || null,
    team: v.team,
    category: v.category.trim(),
    visibility: v.visibility,
    priceKind: v.priceKind,
    priceFen: v.priceKind === 'fixed' ? yuanToFen(v.priceYuan) : null,
    freeRules: v.priceKind !== 'free' && Object.keys(free).length ? free : null,
    targets: v.targets,
    supervisionCard: v.supervisionCard,
    revisitPolicy: { afterDays: v.revisitAfterDays || null, lowScoreThreshold: v.lowScoreThreshold },
  };
}
