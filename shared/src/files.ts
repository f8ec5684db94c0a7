/**
 * Names of exported files, the same for the server's exports (PDF, CSV, JSON, Markdown) and the
 * browser's (PNG): `<board-title-slug>[-<part-slug>]-<YYYY-MM-DD>.<ext>`.
 */

/**
 * A title as a file-name part: lower case, words joined by `-`, at most 60 characters. `ascii`
 * keeps only `a-z0-9` (accents dropped: what every browser reads in a plain `filename`);
 * otherwise letters and digits of any script stay.
 */
export function fileSlug(title: string, ascii = false): string {
  const base = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(ascii ? /[^a-z0-9]+/g : /[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return [...base].slice(0, 60).join('').replace(/-+$/, '') || 'board';
}

/** `<board>[-<part>]-<day>.<ext>`, the day of `at` in UTC. */
export function exportFileBase(
  title: string,
  at: Date,
  ext: string,
  opts: { part?: string | null; ascii?: boolean } = {},
): string {
  const day = at.toISOString().slice(0, 10);
  const part = opts.part ? `-${fileSlug(opts.part, opts.ascii)}` : '';
  return `${fileSlug(title, opts.ascii)}${part}-${day}.${ext}`;
}
