/** The server's exports (PDF record, cards as CSV/JSON/Markdown), fetched with the board token. */

export type ExportFormat = 'pdf' | 'csv' | 'json' | 'md';

export const EXPORT_FORMATS: { format: ExportFormat; label: string; hint: string }[] = [
  { format: 'pdf', label: 'Workshop record (PDF)', hint: 'Every exercise as a picture and as text' },
  { format: 'csv', label: 'Cards as CSV', hint: 'Exercise, box, text, author, votes' },
  { format: 'json', label: 'Cards as JSON', hint: 'For tools and scripts' },
  { format: 'md', label: 'Cards as Markdown', hint: 'For notes and wikis' },
];

/**
 * The file name the server chose (`Content-Disposition`), preferring the UTF-8 form; a safe
 * fallback when the header is missing or unreadable.
 */
export function fileNameFrom(header: string | null, fallback: string): string {
  if (header) {
    const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
    if (star?.[1]) {
      try {
        return clean(decodeURIComponent(star[1]));
      } catch {
        // fall through to the plain form
      }
    }
    const plain = /filename="([^"]+)"/i.exec(header);
    if (plain?.[1]) return clean(plain[1]);
  }
  return fallback;
}

/** No path separators or control characters in a name we hand to the browser. */
function clean(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return name.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || 'export';
}

export interface Progress {
  received: number;
  total: number | null;
}

/** Fetch an export, reporting bytes as they arrive. Throws an Error with a readable message. */
export async function fetchExport(
  boardId: string,
  token: string,
  format: ExportFormat,
  onProgress: (p: Progress) => void,
): Promise<{ blob: Blob; name: string }> {
  const res = await fetch(`/api/boards/${encodeURIComponent(boardId)}/export.${format}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try {
      const body = (await res.json()) as { message?: unknown };
      if (typeof body.message === 'string') message = body.message;
    } catch {
      // not JSON: keep the status line
    }
    throw new Error(message);
  }
  const total = Number(res.headers.get('content-length')) || null;
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = res.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      onProgress({ received, total });
    }
  }
  const type = res.headers.get('content-type') ?? 'application/octet-stream';
  const blob = reader ? new Blob(chunks as BlobPart[], { type }) : await res.blob();
  return { blob, name: fileNameFrom(res.headers.get('content-disposition'), `board.${format}`) };
}
