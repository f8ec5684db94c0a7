/**
 * Keeps an element's rendered height as a CSS custom property on another element, for layouts
 * where one overlay makes room for another whose height only the browser knows (a wrapped row of
 * buttons, a column of notices). Measured at once and on every resize; the property goes with the
 * returned cleanup.
 */
export function keepHeightAs(
  el: HTMLElement,
  on: HTMLElement,
  property: `--${string}`,
  value: (height: number) => string = (h) => `${h}px`,
): () => void {
  const measure = () => on.style.setProperty(property, value(el.offsetHeight));
  measure();
  const watch = new ResizeObserver(measure);
  watch.observe(el);
  return () => {
    watch.disconnect();
    on.style.removeProperty(property);
  };
}
