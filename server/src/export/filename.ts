/**
 * Export file names: `<board-title-slug>-<YYYY-MM-DD>.<ext>`. The plain `filename` is ASCII (every
 * browser reads it); `filename*` (RFC 6266 / 5987) keeps a title in any script, so a board named
 * "Стратегия 2025" downloads as `стратегия-2025-….pdf` where the browser supports it.
 */

export function slug(title: string, ascii: boolean): string {
  const base = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(ascii ? /[^a-z0-9]+/g : /[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return [...base].slice(0, 60).join('').replace(/-+$/, '') || 'board';
}

export function exportFileName(title: string, at: Date, ext: string): string {
  const day = at.toISOString().slice(0, 10);
  const ascii = `${slug(title, true)}-${day}.${ext}`;
  const unicode = `${slug(title, false)}-${day}.${ext}`;
  const star = unicode === ascii ? '' : `; filename*=UTF-8''${encodeURIComponent(unicode)}`;
  return `attachment; filename="${ascii}"${star}`;
}
