/**
 * The locale tables: the base files plus one part per product area (parts/<area>.<lang>.json),
 * so that areas add their strings without editing one shared file. A part's top-level keys must
 * not repeat a key of the base or of another part (checked by locales.test.ts).
 */
import en from './en.json';
import attachmentsEn from './parts/attachments.en.json';
import attachmentsZh from './parts/attachments.zh-CN.json';
import engineEn from './parts/engine.en.json';
import engineZh from './parts/engine.zh-CN.json';
import messagingEn from './parts/messaging.en.json';
import messagingZh from './parts/messaging.zh-CN.json';
import opsEn from './parts/ops.en.json';
import opsZh from './parts/ops.zh-CN.json';
import organizationsEn from './parts/organizations.en.json';
import organizationsZh from './parts/organizations.zh-CN.json';
import reachEn from './parts/reach.en.json';
import reachZh from './parts/reach.zh-CN.json';
import serviceEn from './parts/service.en.json';
import serviceZh from './parts/service.zh-CN.json';
import zhCN from './zh-CN.json';

type Table = Record<string, unknown>;

/** Each language's tables in order: the base first, then the parts. */
export const LOCALE_TABLES: Record<'zh-CN' | 'en', Table[]> = {
  'zh-CN': [zhCN, serviceZh, opsZh, organizationsZh, engineZh, messagingZh, reachZh, attachmentsZh],
  en: [en, serviceEn, opsEn, organizationsEn, engineEn, messagingEn, reachEn, attachmentsEn],
};

/** Top-level keys defined by more than one table of a language (should be none). */
export function clashingKeys(tables: Table[]): string[] {
  const seen = new Set<string>();
  const clashes: string[] = [];
  for (const t of tables) {
    for (const k of Object.keys(t)) {
      if (seen.has(k)) clashes.push(k);
      seen.add(k);
    }
  }
  return clashes;
}

/** One language's tables merged into one (top-level keys are disjoint). */
export function mergedTable(lang: 'zh-CN' | 'en'): Table {
  return Object.assign({}, ...LOCALE_TABLES[lang]);
}
