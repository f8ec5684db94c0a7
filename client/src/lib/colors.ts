/** The palette lives in shared, so the canvas and the PDF record draw the same tones. */
export { ACCENT, STICKY_FILL } from '@truenorth/shared';

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
