import { useSyncExternalStore } from 'react';
import { flash } from '../lib/flash';
import { Icon } from './icons';

/** The latest `flash` message, in the board's column of notices. */
export function Flash() {
  const message = useSyncExternalStore(flash.subscribe, flash.get);
  return (
    <div className="flash" role="status" aria-live="polite" data-canvas-overlay>
      {message && (
        <p data-testid="flash">
          <Icon name="warning" size={16} /> {message.text}
        </p>
      )}
    </div>
  );
}
