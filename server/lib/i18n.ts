/** Server-side language handling: zh-CN first, English complete. */
export type Lang = 'zh-CN' | 'en';

export interface Localized {
  'zh-CN': string;
  en: string;
}

/** Picks the language from an Accept-Language header (zh-CN unless English is preferred first). */
export function langFromHeader(header: string | undefined): Lang {
  if (!header) return 'zh-CN';
  const parts = header
    .split(',')
    .map((p) => {
      const [tag, ...params] = p.trim().split(';');
      const q = params.find((x) => x.trim().startsWith('q='));
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((p) => p.tag)
    .sort((a, b) => b.q - a.q);
  for (const p of parts) {
    if (p.tag.startsWith('zh')) return 'zh-CN';
    if (p.tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

/** Fills {name} placeholders. */
export function fill(text: string, params?: Record<string, unknown>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
}
