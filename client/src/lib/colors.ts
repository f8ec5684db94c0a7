import type { Color } from '@truenorth/shared';

/** Sticky fills: soft paper tones for the document's colour names. */
export const STICKY_FILL: Record<Color, string> = {
  yellow: '#fff3a3',
  pink: '#ffc9de',
  blue: '#bfe3ff',
  green: '#c8f0c0',
  orange: '#ffd6a8',
  purple: '#e0d1ff',
  gray: '#e6e8ec',
  white: '#ffffff',
};

/** Darker accents of the same tones (theme headers, borders). */
export const ACCENT: Record<Color, string> = {
  yellow: '#e0b400',
  pink: '#e0528a',
  blue: '#2f8fe0',
  green: '#3aa84a',
  orange: '#ea8a1c',
  purple: '#8b5cf6',
  gray: '#7b8190',
  white: '#a0a6b4',
};

/** Presence colours: distinct, readable on white, with white text on top. */
export const PRESENCE_COLORS = [
  '#e5484d',
  '#0b86d4',
  '#30a46c',
  '#8e4ec6',
  '#f76b15',
  '#d6409f',
  '#12a594',
  '#3e63dd',
] as const;

/** A stable colour for a name, so a person keeps their colour across reloads. */
export function colorFor(key: string): string {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return PRESENCE_COLORS[Math.abs(h) % PRESENCE_COLORS.length] as string;
}

/** Up to two initials of a display name ("Ada Lovelace" → "AL"). */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '';
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : (parts[0]?.[1] ?? '');
  return (first + last).toUpperCase();
}
