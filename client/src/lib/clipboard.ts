/**
 * Copy and paste. What we put on the clipboard is JSON with a marker; what we read back may be
 * anything (another app, another version, a hostile page), so it is parsed element by element
 * with the shared schemas. Plain text becomes one sticky per non-empty line.
 */
import {
  authoredBy,
  boundsOf,
  type Element,
  MAX_TEXT,
  type NewElement,
  newId,
  parseElement,
  withMembers,
} from '@truenorth/shared';
import { z } from 'zod';

const MARKER = 'truenorth/elements@1';
export const MAX_PASTE = 1000;

const Envelope = z.object({
  kind: z.literal(MARKER),
  elements: z.array(z.object({ id: z.string() }).loose()).max(MAX_PASTE),
});

export function serializeSelection(elements: readonly Element[], ids: Iterable<string>): string {
  const all = withMembers(elements, ids);
  const picked = elements.filter((e) => all.has(e.id));
  return JSON.stringify({ kind: MARKER, elements: picked });
}

export type ClipboardContent =
  | { kind: 'elements'; elements: Element[] }
  | {
      kind: 'lines';
      lines: string[];
      /** Lines left out past `MAX_PASTE`, and lines cut to `MAX_TEXT` characters. */
      dropped: number;
      shortened: number;
    };

/** What to tell the user when a paste was cut to the limits; null when nothing was. */
export function pasteLimitMessage(content: ClipboardContent): string | null {
  if (content.kind !== 'lines' || (content.dropped === 0 && content.shortened === 0)) return null;
  const parts: string[] = [];
  if (content.dropped > 0) {
    const total = content.lines.length + content.dropped;
    parts.push(
      `Pasted ${content.lines.length.toLocaleString('en')} of ${total.toLocaleString('en')} lines: one paste makes at most ${MAX_PASTE.toLocaleString('en')} notes.`,
    );
  }
  if (content.shortened > 0) {
    parts.push(
      `${content.shortened === 1 ? 'One line was' : `${content.shortened.toLocaleString('en')} lines were`} cut to ${MAX_TEXT.toLocaleString('en')} characters.`,
    );
  }
  return parts.join(' ');
}

export function parseClipboard(text: string): ClipboardContent | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      json = undefined;
    }
    const env = Envelope.safeParse(json);
    if (env.success) {
      const elements: Element[] = [];
      for (const raw of env.data.elements) {
        const out = parseElement(raw.id, raw);
        if (out.status !== 'skipped') elements.push(out.element);
      }
      return elements.length ? { kind: 'elements', elements } : null;
    }
  }
  const all = trimmed
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '').trim())
    .filter(Boolean);
  const kept = all.slice(0, MAX_PASTE);
  const shortened = kept.filter((l) => l.length > MAX_TEXT).length;
  const lines = kept.map((l) => l.slice(0, MAX_TEXT));
  return lines.length ? { kind: 'lines', lines, dropped: all.length - kept.length, shortened } : null;
}

/**
 * New elements for pasted content, centred on `at`, with fresh ids. Membership and arrows are
 * kept only between pasted elements; everything else is re-placed by where it lands.
 */
export function pasteItems(
  content: ClipboardContent,
  at: { x: number; y: number },
  author: string,
): NewElement[] {
  if (content.kind === 'lines') {
    const size = 180;
    const gap = 20;
    const cols = Math.ceil(Math.sqrt(content.lines.length));
    const rows = Math.ceil(content.lines.length / cols);
    const x0 = at.x - (cols * (size + gap) - gap) / 2;
    const y0 = at.y - (rows * (size + gap) - gap) / 2;
    return content.lines.map((text, i) => ({
      kind: 'sticky',
      input: {
        x: Math.round(x0 + (i % cols) * (size + gap)),
        y: Math.round(y0 + Math.floor(i / cols) * (size + gap)),
        text,
        ...authoredBy(author, Date.now()),
      },
    }));
  }
  const boxes = content.elements.filter((e) => e.type !== 'connector') as Exclude<
    Element,
    { type: 'connector' }
  >[];
  const b = boundsOf(boxes) ?? { x: at.x, y: at.y, w: 0, h: 0 };
  const dx = Math.round(at.x - (b.x + b.w / 2));
  const dy = Math.round(at.y - (b.y + b.h / 2));
  const ids = new Map(content.elements.map((e) => [e.id, newId()]));
  const out: NewElement[] = [];
  for (const el of content.elements) {
    const { id, type, z: _z, ...rest } = el;
    const copy: Record<string, unknown> = { ...rest, x: el.x + dx, y: el.y + dy, locked: false };
    // A pasted element is new, and the paster's: what a clipboard says about who wrote it, or how
    // many votes it had, is not carried over (nor could it be trusted).
    const by = authoredBy(author, Date.now());
    copy.createdBy = by.createdBy;
    copy.createdAt = by.createdAt;
    if (el.type === 'sticky') {
      copy.author = by.author;
      copy.votes = 0;
    }
    const parent = el.parent ? ids.get(el.parent) : undefined;
    copy.parent = parent ?? null;
    copy.slot = parent ? el.slot : null;
    if (el.type === 'connector') {
      const from = ids.get(el.from);
      const to = ids.get(el.to);
      if (!from || !to) continue;
      copy.from = from;
      copy.to = to;
    }
    out.push({ kind: type, input: copy as never, id: ids.get(id) as string });
  }
  return out;
}
