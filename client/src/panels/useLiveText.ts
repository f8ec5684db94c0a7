import { useCallback, useState } from 'react';

/**
 * The text of a polite live region that stays on the page (a region added together with its text
 * is not read out by every screen reader). Saying the same thing twice changes it by an invisible
 * space, or screen readers would stay silent the second time.
 */
export function useLiveText(): [string, (message: string) => void] {
  const [message, setMessage] = useState('');
  const say = useCallback(
    (next: string) => setMessage((prev) => (prev === next ? `${next}\u00a0` : next)),
    [],
  );
  return [message, say];
}
