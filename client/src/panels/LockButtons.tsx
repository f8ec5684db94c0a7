/**
 * The facilitator's lock controls for the selection: lock or unlock it, and "Lock template" on a
 * frame (the frame and its parts, not the cards people write in it). The server enforces locks.
 */
import { type Element, setLocked, templateParts } from '@truenorth/shared';
import { useBoard } from '../app/boardContext';

export function LockButtons({ selected }: { selected: readonly Element[] }) {
  const ctx = useBoard();
  if (ctx.role !== 'facilitator' || selected.length === 0) return null;
  const { doc, origin } = ctx.session;
  const allLocked = selected.every((e) => e.locked);
  const frames = selected.filter((e) => e.type === 'frame');
  const lockTemplates = () => {
    const { elements } = ctx.store.getSnapshot();
    setLocked(
      doc,
      frames.flatMap((f) => templateParts(elements, f.id)),
      true,
      origin,
    );
  };
  return (
    <>
      <button
        type="button"
        className="tool tool-text"
        data-testid={allLocked ? 'unlock' : 'lock'}
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
        <button type="button" className="tool tool-text" data-testid="lock-template" onClick={lockTemplates}>
          Lock template
        </button>
      )}
    </>
  );
}
