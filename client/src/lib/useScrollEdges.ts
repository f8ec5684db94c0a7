/**
 * Which ends of a sideways-scrolling row have more out of sight (the top bar on a phone): kept
 * current as it scrolls, as the window resizes and as its contents change width (the status's
 * word, a button that comes or goes).
 */
import { type RefObject, useEffect, useState } from 'react';

export interface ScrollEdges {
  /** Something is hidden before the start (scrolled past). */
  start: boolean;
  /** Something is hidden past the end. */
  end: boolean;
}

/** A pixel of slack: a fractional scroll position is not "more". */
export function edgesOf(el: { scrollLeft: number; scrollWidth: number; clientWidth: number }): ScrollEdges {
  const left = Math.abs(el.scrollLeft);
  return { start: left > 1, end: left + el.clientWidth < el.scrollWidth - 1 };
}

/**
 * `inset`: how much of each end a hint covers. A control inside reached by Tab is scrolled whole
 * and clear of it (the browser's own focus scroll stops at the very edge, under the hint).
 */
export function useScrollEdges(ref: RefObject<HTMLElement | null>, inset = 0): ScrollEdges {
  const [edges, setEdges] = useState<ScrollEdges>({ start: false, end: false });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      const next = edgesOf(el);
      setEdges((e) => (e.start === next.start && e.end === next.end ? e : next));
    };
    const sizes = new ResizeObserver(update);
    const watch = () => {
      sizes.disconnect();
      sizes.observe(el);
      for (const child of el.children) sizes.observe(child);
      update();
    };
    const reveal = (e: FocusEvent) => {
      if (!(e.target instanceof Element) || el.scrollWidth <= el.clientWidth) return;
      const row = el.getBoundingClientRect();
      const box = e.target.getBoundingClientRect();
      const before = box.left - (row.left + inset);
      const after = box.right - (row.right - inset);
      if (before < 0) el.scrollBy({ left: before });
      else if (after > 0) el.scrollBy({ left: after });
    };
    el.addEventListener('focusin', reveal);
    const children = new MutationObserver(watch);
    children.observe(el, { childList: true });
    el.addEventListener('scroll', update, { passive: true });
    watch();
    return () => {
      el.removeEventListener('scroll', update);
      el.removeEventListener('focusin', reveal);
      children.disconnect();
      sizes.disconnect();
    };
  }, [ref, inset]);
  return edges;
}
