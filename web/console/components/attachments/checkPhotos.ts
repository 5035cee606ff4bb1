import type { TFunction } from 'i18next';

const PICKABLE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', '']);

/**
 * A first check in the browser so a wrong pick is explained at once (the server checks the bytes
 * again): size, obvious non-images, and how many still fit. Returns the files to send and the
 * messages for those left out.
 */
export function checkPhotos(
  files: File[],
  opts: { maxBytes: number; room: number },
  t: TFunction,
): { accepted: File[]; problems: string[] } {
  const accepted: File[] = [];
  const problems: string[] = [];
  const mb = Math.round((opts.maxBytes / 1024 / 1024) * 10) / 10;
  for (const f of files) {
    if (!PICKABLE.has(f.type)) problems.push(t('attachments.wrongType', { name: f.name }));
    else if (f.size > opts.maxBytes) problems.push(t('attachments.tooLarge', { name: f.name, mb }));
    else if (accepted.length >= opts.room) problems.push(t('attachments.tooMany', { name: f.name }));
    else accepted.push(f);
  }
  return { accepted, problems };
}
