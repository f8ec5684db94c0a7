/**
 * A Story Spine's step or a Road Map's lane, from the outline: what the canvas offers beside its
 * name, for the keyboard and screen readers. "Rename" opens a field (Enter saves, Escape cancels,
 * the focus comes back to "Rename"); "Add a step after" adds one and opens its name for writing;
 * "Remove" removes an empty one, and otherwise says why not in the canvas's words.
 */
import {
  cardsInLanePart,
  type ElementOf,
  MAX_LANE_NAME,
  removeLanePart,
  renameLane,
} from '@truenorth/shared';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useBoard } from '../../app/boardContext';
import { addPartAsUser, keptReason, partNoun } from '../../canvas/elements/laneNames';
import { flash } from '../../lib/flash';
import type { LanePart } from '../../lib/outline';
import { Icon } from '../icons';

/**
 * Where the outline takes the focus among steps and lanes: into a part's name field (`name`, just
 * added), or onto its "Rename" button (`rename`, a name saved or given up, a neighbour removed).
 * The part may not be listed yet when this is set (it is added in the same keystroke).
 */
export interface PartFocus {
  id: string;
  laneId: string;
  to: 'name' | 'rename';
}

export function LanePartControls({
  box,
  part,
  focus,
  onFocus,
  onAnnounce,
}: {
  box: ElementOf<'swimlanes'>;
  part: LanePart;
  focus: PartFocus | null;
  onFocus: (next: PartFocus | null) => void;
  onAnnounce: (s: string) => void;
}) {
  const ctx = useBoard();
  const board = useSyncExternalStore(ctx.store.subscribe, ctx.store.getSnapshot);
  const renameButton = useRef<HTMLButtonElement>(null);
  const here = focus?.id === box.id && focus.laneId === part.laneId ? focus.to : null;
  const noun = partNoun(part.kind);
  const kept = keptReason(
    part.kind,
    cardsInLanePart(board.elements, box, part.kind, part.laneId),
    box[part.kind].length <= 1,
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: only when asked to take the focus
  useEffect(() => {
    if (here !== 'rename') return;
    renameButton.current?.focus();
    onFocus(null);
  }, [here]);

  const add = () => {
    const laneId = addPartAsUser(ctx, box, part.kind, part.laneId, onAnnounce);
    if (!laneId) return;
    onAnnounce(`Added a ${noun} after “${part.name}”`);
    onFocus({ id: box.id, laneId, to: 'name' });
  };

  const remove = () => {
    // Said aloud and shown: the button stays pressable (aria-disabled) for this very reason.
    if (kept) {
      onAnnounce(kept);
      flash.show(kept);
      return;
    }
    const list = box[part.kind];
    const at = list.findIndex((l) => l.id === part.laneId);
    // The focus goes to the one before it (the next one for the first), as a deleted card's does.
    const neighbour = list[at - 1] ?? list[at + 1];
    const { doc, origin, undo } = ctx.session;
    undo.stopCapturing();
    const removed = removeLanePart(doc, box.id, part.kind, part.laneId, origin);
    if (!removed.ok) {
      // Someone else changed the swimlanes since this was drawn (a card dropped in, say).
      const message = `The ${noun} “${part.name}” was not removed: it changed meanwhile.`;
      onAnnounce(message);
      flash.show(message);
      return;
    }
    onAnnounce(`Removed ${noun} “${part.name}”`);
    if (neighbour) onFocus({ id: box.id, laneId: neighbour.id, to: 'rename' });
  };

  if (here === 'name') return <NameField box={box} part={part} onDone={onFocus} onAnnounce={onAnnounce} />;
  return (
    <div className="outline-part-actions">
      <button
        ref={renameButton}
        type="button"
        className="outline-part-action"
        data-control="rename-part"
        aria-label={`Rename ${noun} “${part.name}”`}
        onClick={() => onFocus({ id: box.id, laneId: part.laneId, to: 'name' })}
      >
        Rename
      </button>
      <button
        type="button"
        className="outline-part-action"
        data-control="add-part"
        aria-label={`Add a ${noun} after “${part.name}”`}
        onClick={add}
      >
        <Icon name="plus" size={14} /> Add a {noun} after
      </button>
      <button
        type="button"
        className="outline-part-action"
        data-control="remove-part"
        aria-label={`Remove ${noun} “${part.name}”`}
        title={kept ?? undefined}
        // Not `disabled`: a press still says why it cannot go (as on the canvas).
        aria-disabled={kept !== null}
        onClick={remove}
      >
        <Icon name="trash" size={14} /> Remove
      </button>
    </div>
  );
}

/**
 * The part's name being written: Enter saves, Escape gives it up (without closing the outline),
 * both putting the focus back on "Rename". Leaving the field saves, as on the canvas, and leaves
 * the focus where the user put it.
 */
function NameField({
  box,
  part,
  onDone,
  onAnnounce,
}: {
  box: ElementOf<'swimlanes'>;
  part: LanePart;
  onDone: (next: PartFocus | null) => void;
  onAnnounce: (s: string) => void;
}) {
  const ctx = useBoard();
  const input = useRef<HTMLInputElement>(null);
  // Set once Enter or Escape decided: Chromium blurs the field as it is removed, which is no save.
  const done = useRef(false);
  const noun = partNoun(part.kind);
  const hintId = `outline-part-hint-${box.id}-${part.laneId}`.replace(/[^A-Za-z0-9_-]/g, '_');

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const finish = (save: boolean, refocus: boolean) => {
    if (done.current) return;
    done.current = true;
    const name = (input.current?.value ?? '').trim();
    if (save) {
      const { doc, origin, undo } = ctx.session;
      undo.stopCapturing();
      if (renameLane(doc, box.id, part.kind, part.laneId, name, origin))
        onAnnounce(`Renamed ${noun} “${part.name}” to “${name.slice(0, MAX_LANE_NAME)}”`);
    }
    onDone(refocus ? { id: box.id, laneId: part.laneId, to: 'rename' } : null);
  };

  return (
    <div className="outline-part-name">
      <input
        ref={input}
        type="text"
        aria-label={part.kind === 'steps' ? 'Step name' : 'Lane name'}
        aria-describedby={hintId}
        defaultValue={part.name}
        // A name in Arabic or Hebrew is typed right to left.
        dir="auto"
        maxLength={MAX_LANE_NAME}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing) return;
          if (e.key === 'Enter') {
            e.preventDefault();
            finish(true, true);
          } else if (e.key === 'Escape') {
            // Gives up the name; the outline stays open (it closes on an Escape nobody took).
            e.preventDefault();
            finish(false, true);
          }
        }}
        onBlur={() => finish(true, false)}
      />
      <p className="sr-only" id={hintId}>
        Enter saves, Escape cancels
      </p>
    </div>
  );
}
