/**
 * A popover that closes the way people expect: Escape (focus goes back to its toggle, the first
 * button in `ref`), or a press anywhere outside `ref` — the element holding the toggle and the
 * popover, so the toggle itself still toggles.
 */
import { type RefObject, useEffect, useRef } from 'react';

export function useDismiss(ref: RefObject<HTMLElement | null>, open: boolean, onClose: () => void): void {
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      const el = ref.current;
      const inside =
        el !== null && document.activeElement instanceof Node && el.contains(document.activeElement);
      close.current();
      if (inside) el?.querySelector<HTMLElement>('button')?.focus();
    };
    const onDown = (e: PointerEvent) => {
      const el = ref.current;
      if (el && e.target instanceof Node && !el.contains(e.target)) close.current();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown, true);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onDown, true);
    };
  }, [open, ref]);
}
