/**
 * For a panel that floats over the canvas and comes, goes or changes size while a board is open
 * (the workshop panel, the timer): the view a board opened with is fitted again around it. Put the
 * returned ref on the panel's element, which must carry `data-canvas-overlay` so that fits keep
 * clear of it.
 */
import { useCallback, useRef } from 'react';
import { useBoard } from '../app/boardContext';

export function useCanvasOverlay(): (el: HTMLElement | null) => void {
  const { viewport } = useBoard();
  const observer = useRef<ResizeObserver | null>(null);
  return useCallback(
    (el: HTMLElement | null) => {
      observer.current?.disconnect();
      observer.current = null;
      if (!el) {
        // Gone: the room it took is free again.
        viewport.relayout();
        return;
      }
      // Observing reports the element's size at once, then on every change.
      observer.current = new ResizeObserver(() => viewport.relayout());
      observer.current.observe(el);
    },
    [viewport],
  );
}
