import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clashingKeys, LOCALE_TABLES, mergedTable } from './resources';

/** Flattens nested locale objects into `a.b.c` → value pairs. */
function flatten(obj: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out[prefix] = obj;
  }
  return out;
}

describe('locale files', () => {
  const zh = flatten(mergedTable('zh-CN'));
  const english = flatten(mergedTable('en'));

  it('parts do not redefine a top-level key of the base or of another part', () => {
    expect(clashingKeys(LOCALE_TABLES['zh-CN'])).toEqual([]);
    expect(clashingKeys(LOCALE_TABLES.en)).toEqual([]);
  });

  it('have exactly the same keys', () => {
    const zhKeys = Object.keys(zh).sort();
    const enKeys = Object.keys(english).sort();
    expect(enKeys.filter((k) => !(k in zh))).toEqual([]);
    expect(zhKeys.filter((k) => !(k in english))).toEqual([]);
    expect(zhKeys.length).toBeGreaterThan(100);
  });

  it('have no empty or non-string values', () => {
    for (const [name, table] of [
      ['zh-CN', zh],
      ['en', english],
    ] as const) {
      const bad = Object.entries(table)
        .filter(([, v]) => typeof v !== 'string' || v.trim() === '')
        .map(([k]) => `${name}:${k}`);
      expect(bad).toEqual([]);
    }
  });

  it('use the same {{placeholders}} in both languages', () => {
    const vars = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const mismatched = Object.keys(zh).filter((k) => vars(zh[k]).join() !== vars(english[k]).join());
    expect(mismatched).toEqual([]);
  });

  it('keep the English UI free of Chinese characters', () => {
    // Chinese on purpose: the language names, plate examples and notations staff type, and the
    // opt-out wording every marketing SMS must carry.
    const allowed = new Set([
      'validation.plate',
      'households.searchHint',
      'customFields.labelPlaceholder',
      'templates.reviewTextHelp',
    ]);
    const chinese = Object.entries(english)
      .filter(([k, v]) => /[\u4e00-\u9fa5]/.test(String(v)) && !k.startsWith('lang.') && !allowed.has(k))
      .map(([k]) => k);
    expect(chinese).toEqual([]);
  });

  it('label every audit action the server records (the audit log shows labels, not codes)', () => {
    const dir = join(import.meta.dirname, '..', '..', 'server', 'modules');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    );
    const actions = new Set<string>();
    for (const f of files)
      for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/action: '([a-z_]+(?:\.[a-z_]+)+)'/g))
        actions.add(m[1]!);
    expect(actions.size).toBeGreaterThan(40);
    const missing = [...actions].filter(
      (a) => !(`audit.actions.${a}` in zh) || !(`audit.actions.${a}` in english),
    );
    expect(missing).toEqual([]);
  });
});
