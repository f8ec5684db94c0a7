/**
 * A modal dialog (help, history, CSV import): the board behind it is out of reach until it closes.
 * The focus moves into it when it opens and goes back where it was when it closes; Tab and
 * Shift+Tab go round its own controls (focusWrap), never to the page behind; Escape closes it
 * wherever the focus is — also after a click on the backdrop or when the focused control went away
 * (History's "Undo restore" once used); and no key reaches the board's shortcuts while it is open
 * (an `n` typed with the focus behind the help made a note). After a press on the backdrop (the
 * focus on the page's body), Tab comes back in at the dialog's first control.
 */
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { wrapTarget } from '../lib/focusWrap';
import { Icon } from './icons';

/** What Tab can reach inside the dialog. */
const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

/** The open modals, innermost last: only that one answers the keyboard. */
const open: symbol[] = [];

function controlsIn(dialog: HTMLElement): HTMLElement[] {
  return [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
}

export interface ModalProps {
  /** The heading, which also names the dialog for assistive technology. */
  title: string;
  /** Extra class of the dialog box (its size and layout). */
  className: string;
  testId: string;
  /** The close button's accessible name. */
  closeLabel: string;
  onClose: () => void;
  children: ReactNode;
}

export function Modal({ title, className, testId, closeLabel, onClose, children }: ModalProps) {
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const me = Symbol(testId);
    open.push(me);
    const prev = document.activeElement as HTMLElement | null;
    dialog.current?.focus();
    // Bubbling at the document: a control inside that handles a key itself (and stops it) is
    // heard first; the board's shortcuts listen on the window, after this.
    const onKey = (e: KeyboardEvent) => {
      const el = dialog.current;
      if (!el || open[open.length - 1] !== me) return;
      const inside = document.activeElement instanceof Node && el.contains(document.activeElement);
      if (e.key === 'Escape') {
        if (e.defaultPrevented) return;
        e.preventDefault();
        e.stopPropagation();
        close.current();
        return;
      }
      if (e.key === 'Tab') {
        const active = inside ? (document.activeElement as HTMLElement) : null;
        const target = wrapTarget(controlsIn(el), active, e.shiftKey, el);
        if (target) {
          e.preventDefault();
          target.focus();
        }
        e.stopPropagation();
        return;
      }
      // Nothing typed while the focus is outside the dialog reaches the board behind it, and
      // Enter or Space do not press a control there.
      if (!inside) {
        e.stopPropagation();
        if (e.key === 'Enter' || e.key === ' ') e.preventDefault();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      open.splice(open.indexOf(me), 1);
      prev?.focus?.();
    };
  }, [testId]);

  return (
    <div className="modal-backdrop">
      <div
        ref={dialog}
        className={`modal ${className}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        data-testid={testId}
      >
        <div className="modal-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="tool" aria-label={closeLabel} onClick={onClose}>
            <Icon name="close" />
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
