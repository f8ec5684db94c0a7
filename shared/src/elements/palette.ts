import type { Color } from './common.js';

/**
 * What the document's colour names look like, for every renderer (the canvas, the PDF record,
 * PNG export): soft paper tones for sticky fills.
 */
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
