/**
 * Where Tab goes inside a modal dialog: the focus stays among the dialog's own controls, wrapping
 * from the last to the first (Shift+Tab: the first to the last), and comes back in from wherever
 * it was when it had left (a click on the backdrop, a control that went away). Pure, so the rule
 * is tested without a DOM; `Modal` applies it.
 */

/**
 * The control Tab (or Shift+Tab when `backwards`) should move to from `active`, or null to let the
 * browser move the focus as usual (the next control is still inside). With no controls, the
 * dialog itself (`container`) keeps the focus.
 */
export function wrapTarget<T>(
  controls: readonly T[],
  active: T | null,
  backwards: boolean,
  container: T,
): T | null {
  const first = controls[0];
  const last = controls[controls.length - 1];
  if (first === undefined || last === undefined) return container;
  const at = active === null ? -1 : controls.indexOf(active);
  // Outside the controls (on the dialog itself, the page behind, nothing): come in at the end
  // Tab is heading for.
  if (at === -1) return backwards ? last : first;
  if (backwards && at === 0) return last;
  if (!backwards && at === controls.length - 1) return first;
  return null;
}
