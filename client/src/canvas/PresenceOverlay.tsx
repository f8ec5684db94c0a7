/**
 * Other people, drawn over the canvas in HTML: their cursors with names, and a coloured outline
 * with a name on what they select or edit. Sizes stay constant on screen at any zoom. Only the
 * cursors on this screen are drawn, and a still cursor's name fades (peerCursors.ts); cursors
 * jump to each new position without a CSS transition — fifty cursors each starting and cancelling
 * a transition twenty times a second kept the page busy with transition events.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useBoard } from '../app/boardContext';
import { inkOn } from '../lib/colors';
import { usePeers } from '../sync/usePeers';
import { type CursorSeen, cursorsToDraw, nextIdleIn, noteCursors } from './peerCursors';
import { worldToScreen } from './viewport';

export function PresenceOverlay() {
  const ctx = useBoard();
  const peers = usePeers(ctx.session.provider.awareness);
  const board = useSyncExternalStore(ctx.store.subscribe, ctx.store.getSnapshot);
  const [v, setV] = useState(ctx.viewport.get());
  useEffect(() => ctx.viewport.subscribe(setV), [ctx]);
  const seen = useRef(new Map<number, CursorSeen>());
  const now = Date.now();
  noteCursors(seen.current, peers, now);
  const cursors = cursorsToDraw(peers, seen.current, v, ctx.viewport, now);
  // Draw again when the next name should fade (nothing else may change in the meantime).
  const [, setTick] = useState(0);
  const fadeIn = nextIdleIn(cursors, seen.current, now);
  useEffect(() => {
    if (fadeIn === null) return;
    const timer = setTimeout(() => setTick((t) => t + 1), fadeIn + 50);
    return () => clearTimeout(timer);
  });

  return (
    <div className="presence" aria-hidden="true">
      {peers.flatMap((p) => {
        const shown = [...new Set([...p.selection, ...(p.editing ? [p.editing] : [])])]
          .slice(0, 50)
          .map((id) => board.byId.get(id))
          .filter((el) => el !== undefined)
          .filter((el) => el.type !== 'connector');
        // One name per person: on what they edit, else on the top-left of what they selected
        // (a tag on every card of a big selection covered the board).
        const named =
          shown.find((el) => el.id === p.editing) ??
          shown.reduce<(typeof shown)[number] | undefined>(
            (a, b) => (a === undefined || b.y < a.y || (b.y === a.y && b.x < a.x) ? b : a),
            undefined,
          );
        return shown.map((el) => {
          const id = el.id;
          const tl = worldToScreen(v, el);
          return (
            <div
              key={`${p.clientId}:${id}`}
              className="peer-selection"
              data-testid="peer-selection"
              data-element-id={id}
              style={{
                transform: `translate(${tl.x - 3}px, ${tl.y - 3}px)`,
                width: el.w * v.scale + 6,
                height: el.h * v.scale + 6,
                borderColor: p.user.color,
              }}
            >
              {el === named && (
                <span style={{ background: p.user.color, color: inkOn(p.user.color) }}>
                  {p.user.name}
                  {p.editing === id ? ' · editing' : ''}
                  {p.editing !== id && shown.length > 1 ? ` · ${shown.length} selected` : ''}
                </span>
              )}
            </div>
          );
        });
      })}
      {cursors.map(({ peer: p, x, y, idle }) => (
        <div
          key={p.clientId}
          className={`peer-cursor${idle ? ' is-idle' : ''}`}
          data-testid="peer-cursor"
          data-idle={idle || undefined}
          style={{ transform: `translate(${x}px, ${y}px)` }}
        >
          <svg width="18" height="22" viewBox="0 0 18 22" aria-hidden="true">
            <path
              d="M1 1 L1 18 L6 13.5 L9.5 21 L12.5 19.6 L9 12.4 L16 12.4 Z"
              fill={p.user.color}
              stroke="#fff"
              strokeWidth="1.5"
            />
          </svg>
          <span style={{ background: p.user.color, color: inkOn(p.user.color) }}>{p.user.name}</span>
        </div>
      ))}
    </div>
  );
}
