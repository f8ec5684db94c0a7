/**
 * The facilitator's lock controls for the selection: lock or unlock it, and "Lock template" on a
 * frame (the frame and its parts, not the cards people write in it) — which turns into "Unlock
 * template" once they are all locked, so the boxes it locked are freed the way they were locked
 * (the selection's Unlock frees only what is selected). The server enforces locks.
 */
import { type Element, setLocked, templateParts } from '@truenorth/shared';
import { useSyncExternalStore } from 'react';
import { useBoard } from '../app/boardContext';

export function LockButtons({ selected }: { selected: readonly Element[] }) {
  const ctx = useBoard();
  const board = useSyncExternalStore(ctx.store.subscribe, ctx.store.getSnapshot);
  if (ctx.role !== 'facilitator' || selected.length === 0) return null;
  const { doc, origin } = ctx.session;
  const allLocked = selected.every((e) => e.locked);
  const frames = selected.filter((e) => e.type === 'frame');
  const parts = frames.flatMap((f) => templateParts(board.elements, f.id));
  const templateLocked = parts.length > 0 && parts.every((id) => board.byId.get(id)?.locked);
  return (
    <>
      <button
        type="button"
        className="tool tool-text"
        data-testid={allLocked ? 'unlock' : 'lock'}
        title={
          allLocked
            ? 'Let participants move and edit what is selected again'
            : 'Only facilitators can move, resize or edit what is selected'
        }
        onClick={() =>
          setLocked(
            doc,
            selected.map((e) => e.id),
            !allLocked,
            origin,
          )
        }
      >
        {allLocked ? 'Unlock' : 'Lock'}
      </button>
      {frames.length > 0 && (
        <button
          type="button"
          className="tool tool-text"
          data-testid={templateLocked ? 'unlock-template' : 'lock-template'}
          title={
            templateLocked
              ? 'Let participants move the frame and its boxes again'
              : 'Keep the frame and its boxes, lanes and themes in place; cards in them stay free to move'
          }
          onClick={() => setLocked(doc, parts, !templateLocked, origin)}
        >
          {templateLocked ? 'Unlock template' : 'Lock template'}
        </button>
      )}
    </>
  );
}
