/**
 * The `content-disposition` of an export: `<board-title-slug>-<YYYY-MM-DD>.<ext>` (the names in
 * `@truenorth/shared`, as the browser's PNG export names its files). The plain `filename` is
 * ASCII (every browser reads it); `filename*` (RFC 6266 / 5987) keeps a title in any script, so a
 * board named "Стратегия 2025" downloads as `стратегия-2025-….pdf` where the browser supports it.
 */
import { exportFileBase } from '@truenorth/shared';

export function exportFileName(title: string, at: Date, ext: string): string {
  const ascii = exportFileBase(title, at, ext, { ascii: true });
  const unicode = exportFileBase(title, at, ext);
  const star = unicode === ascii ? '' : `; filename*=UTF-8''${encodeURIComponent(unicode)}`;
  return `attachment; filename="${ascii}"${star}`;
}
