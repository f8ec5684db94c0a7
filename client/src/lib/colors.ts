/** The palette lives in shared, so the canvas and the PDF record draw the same tones. */
export { ACCENT, STICKY_FILL } from '@truenorth/shared';

/**
 * Presence colours: distinct, and dark enough that white text on them (a name on a cursor, the
 * initials in an avatar: 11–12 px) meets WCAG's 4.5:1 — each is 4.7–5.3:1 against white. Until
 * the thirty-fourth session six of the eight were 3.0–4.1:1.
 */
export const PRESENCE_COLORS = [
  '#ce2c31',
  '#0d74ce',
  '#218358',
  '#8e4ec6',
  '#c2410c',
  '#c2298a',
  '#007c80',
  '#3e63dd',
] as const;

/** A stable colour for a name, so a person keeps their colour across reloads. */
export function colorFor(key: string): string {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return PRESENCE_COLORS[Math.abs(h) % PRESENCE_COLORS.length] as string;
}

/** WCAG 2 relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const channel = (at: number) => {
    const v = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG 2 contrast ratio between two `#rrggbb` colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The app's text colour (the canvas's too; `--ink` in styles.css). */
export const INK = '#1f2430';
/** Text written on a presence colour: white, or `INK` where white would not read. */
export const INK_LIGHT = '#ffffff';

/**
 * The text colour for a label on `background`: white when it reads (4.5:1, as on every colour of
 * this app's palette), else whichever of white and the app's ink reads better — presence colours
 * come from other people's clients (an older version, another app on the same board), so any
 * `#rrggbb` can arrive.
 */
export function inkOn(background: string): string {
  if (!/^#[0-9a-fA-F]{6}$/.test(background)) return INK_LIGHT;
  const light = contrast(background, INK_LIGHT);
  if (light >= 4.5) return INK_LIGHT;
  return contrast(background, INK) > light ? INK : INK_LIGHT;
}
