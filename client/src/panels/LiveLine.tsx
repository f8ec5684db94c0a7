import { createPortal } from 'react-dom';

/**
 * A polite live region that is on the page before it has anything to say, for a notice that comes
 * and goes: screen readers miss a region added together with its text. Kept at the end of the
 * body, out of the notices' layout; empty while there is nothing to say.
 */
export function LiveLine({ children, testId }: { children: string; testId: string }) {
  return createPortal(
    <div className="sr-only" role="status" aria-atomic="true" data-testid={testId}>
      {children}
    </div>,
    document.body,
  );
}
