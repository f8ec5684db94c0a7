/**
 * A short message about what the user just did that did not go quite as asked (a paste that was
 * cut to the limits): shown for a few seconds, one at a time, politely announced.
 */
export const FLASH_MS = 8_000;

let current: { text: string; at: number } | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();
const emit = () => {
  for (const fn of listeners) fn();
};

export const flash = {
  show(text: string): void {
    current = { text, at: Date.now() };
    clearTimeout(timer);
    timer = setTimeout(() => {
      current = null;
      emit();
    }, FLASH_MS);
    emit();
  },
  subscribe(fn: () => void): () => void {
    listeners.add(fn);
    return () => listeners.delete(fn);
  },
  get: () => current,
};
