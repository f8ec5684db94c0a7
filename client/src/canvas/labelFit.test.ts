import { LABEL_INSET } from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import { HINT_PX, NAME_PX, placeBoxLabel, readableSize, shareTitleBand, zoomStep } from './labelFit';
import { estimate } from './textFit';

const box = (name: string, hint: string, width: number, scale: number) =>
  placeBoxLabel({ name, hint, width, scale, band: LABEL_INSET, bold: estimate, normal: estimate });

/** Bottom of a placed text, in world units. */
const bottom = (t: { y: number; size: number }) => t.y + t.size;

describe('zoomStep', () => {
  it('rounds down to a step, never more than ~9 % below the zoom', () => {
    for (const scale of [0.05, 0.3, 0.4, 0.42, 0.5, 1, 1.7, 4]) {
      const step = zoomStep(scale);
      expect(step).toBeLessThanOrEqual(scale);
      expect(step).toBeGreaterThan(scale / 1.1);
    }
  });
  it('is the same for zooms close together (the canvas re-renders labels only between steps)', () => {
    expect(zoomStep(0.4)).toBe(zoomStep(0.401));
    expect(zoomStep(1)).toBe(1);
    expect(zoomStep(0)).toBe(1);
  });
});

describe('readableSize', () => {
  it('keeps the drawn size when it is readable, else the minimum on screen, within the band', () => {
    expect(readableSize(17, 12, 1, 42)).toBe(17);
    expect(readableSize(17, 12, 0.4, 42) * 0.4).toBeCloseTo(12);
    expect(readableSize(17, 12, 0.1, 42)).toBe(42);
  });
});

describe('placeBoxLabel', () => {
  it('zoomed in, writes the hint under the name, both inside the label band', () => {
    const l = box('Problem', 'Top 3 problems · existing alternatives', 464, 1);
    expect(l.name.size).toBe(17);
    expect(l.hint?.size).toBe(13);
    expect(l.hint?.y).toBeGreaterThan(bottom(l.name));
    expect(bottom(l.hint ?? l.name)).toBeLessThanOrEqual(LABEL_INSET);
  });

  it('at the zoom a whole exercise is seen at, the name is readable and the hint left out of a narrow box', () => {
    const scale = zoomStep(0.4);
    const l = box(
      'Unique Value Proposition',
      'Why you are different and worth attention · high-level concept',
      464,
      scale,
    );
    expect(l.name.size * scale).toBeGreaterThanOrEqual(NAME_PX);
    expect(bottom(l.name)).toBeLessThanOrEqual(LABEL_INSET);
    expect(l.hint).toBeNull();
  });

  it('writes a short hint after the name in a wide box, at a readable size, on the name’s line', () => {
    const scale = zoomStep(0.4);
    const l = box('For', '(target customer)', 760, scale);
    expect(l.hint).not.toBeNull();
    const hint = l.hint as NonNullable<typeof l.hint>;
    expect(hint.size * scale).toBeGreaterThanOrEqual(HINT_PX);
    expect(hint.x).toBeGreaterThan(l.name.x + estimate('For') * l.name.size);
    expect(hint.x + estimate('(target customer)') * hint.size).toBeLessThanOrEqual(l.name.x + l.name.width);
    expect(bottom(hint)).toBeLessThanOrEqual(LABEL_INSET);
  });

  it('keeps the name one band high however far out the zoom is', () => {
    const l = box('Problem', 'Top 3 problems', 464, 0.1);
    expect(l.name.y).toBeGreaterThanOrEqual(0);
    expect(bottom(l.name)).toBeLessThanOrEqual(LABEL_INSET);
    expect(l.hint).toBeNull();
  });

  it('writes right-to-left names from the right, with the hint to their left', () => {
    const scale = zoomStep(0.4);
    const l = box('قنوات', 'الطريق', 760, scale);
    expect(l.rtl).toBe(true);
    expect(l.hint?.x).toBe(l.name.x);
    expect(l.hint?.width ?? 0).toBeLessThan(l.name.width);
  });
});

describe('shareTitleBand', () => {
  it('leaves both whole when they fit, the name in what the title leaves', () => {
    const r = shareTitleBand(464, 120, 100);
    expect(r.titleWidth).toBe(120);
    expect(r.nameX).toBe(16 + 120 + 16);
    expect(r.nameX + r.nameWidth).toBe(464 - 12);
  });
  it('cuts the title short, not the step’s name, when both do not fit', () => {
    const r = shareTitleBand(464, 250, 180);
    expect(r.nameWidth).toBeGreaterThanOrEqual(180);
    expect(16 + r.titleWidth + 16).toBeLessThanOrEqual(r.nameX);
    expect(r.titleWidth).toBeGreaterThan(0);
  });
  it('keeps some of the title for a name longer than the column', () => {
    const r = shareTitleBand(300, 200, 1000);
    expect(r.titleWidth).toBeCloseTo(0.3 * 300);
    expect(r.nameX + r.nameWidth).toBe(300 - 12);
  });
});
