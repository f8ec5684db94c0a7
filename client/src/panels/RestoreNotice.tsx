/**
 * When a facilitator restores a snapshot, everyone's cards change at once: say so. The server
 * writes what it restored into the board's meta (`restored`) in the restore's own transaction, so
 * the notice reaches everyone on any node, and people back from offline too. It is read out from a
 * live region that stays on the page (`LiveLine`): one added together with its text, as the notice
 * is, is missed by screen readers.
 */
import { metaMap, readMeta } from '@truenorth/shared';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { useBoard } from '../app/boardContext';
import { Icon } from './icons';
import { LiveLine } from './LiveLine';

/** A restore older than this is not news (someone opening the board the next day). */
export const RESTORE_NEWS_MS = 15 * 60_000;
/** How long the notice stays. */
const SHOWN_MS = 20_000;

type Restored = NonNullable<ReturnType<typeof readMeta>['restored']>;

export function RestoreNotice() {
  const ctx = useBoard();
  const [shown, setShown] = useState<Restored | null>(null);
  useEffect(() => {
    const { doc } = ctx.session;
    const meta = metaMap(doc);
    let seen = readMeta(doc).restored?.at ?? null;
    // Only the meta map's changes (not every keystroke on the board), read through its schema.
    const onMeta = (event: Y.YMapEvent<unknown>) => {
      if (!event.keysChanged.has('restored')) return;
      const restored = readMeta(doc).restored;
      if (!restored || restored.at === seen) return;
      seen = restored.at;
      if (Math.abs(Date.now() - restored.at) < RESTORE_NEWS_MS) setShown(restored);
    };
    meta.observe(onMeta);
    return () => meta.unobserve(onMeta);
  }, [ctx]);
  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(() => setShown(null), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [shown]);
  const who = shown?.by === 'service' ? 'An integration' : 'A facilitator';
  const text = !shown
    ? ''
    : shown.undid !== undefined
      ? `${who} took back the restore of “${shown.undid}”, keeping what people did since. Its state just before is kept in History.`
      : `${who} restored the board to “${shown.name}”. Its state just before is kept in History.`;
  return (
    <>
      <LiveLine testId="restore-announcement">{text}</LiveLine>
      {shown && (
        <div className="restore-notice" data-canvas-overlay data-testid="restore-notice">
          <span>{text}</span>
          <button
            type="button"
            className="tool tool-small"
            aria-label="Dismiss"
            onClick={() => setShown(null)}
          >
            <Icon name="close" size={14} />
          </button>
        </div>
      )}
    </>
  );
}
