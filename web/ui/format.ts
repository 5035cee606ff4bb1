/** Display formatting shared by the web apps. */
import dayjs from 'dayjs';

/** 2026-03-05 14:30 (local time), or '—' when empty. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : iso;
}

/** 2026-03-05, or '—' when empty. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD') : iso;
}

/** The estate's name in the UI language (English name when there is one). */
export function estateName(e: { name: string; nameEn?: string | null } | undefined, lang: string): string {
  if (!e) return '';
  return lang === 'en' && e.nameEn ? e.nameEn : e.name;
}
