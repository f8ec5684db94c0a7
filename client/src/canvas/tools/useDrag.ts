/**
 * Dragging elements. The dragged node moves by Konva; the rest of the selection and the members
 * of dragged containers follow imperatively, at pointer speed. Everyone else watches it move:
 * the positions are written as the drag goes (`dragTo`, at most every DRAG_WRITE_MS), with the
 * dragger's cursor; on drop one `moveTo` writes where it landed and re-parents cards by where
 * they landed. The whole drag is one undo step (`Session.beginGesture`).
 */
import { dragTo, moveTo, updateElement, withMembers } from '@truenorth/shared';
import type Konva from 'konva';
import { useEffect, useMemo, useRef } from 'react';
import type { BoardContextValue } from '../../app/boardContext';
import { throttle } from '../../lib/throttle';
import type { NodeHandlers } from '../elements/types';
import { clickSelect, topLevel } from './selection';

/** How often a drag on its way is written for the others to see (20 times a second). */
export const DRAG_WRITE_MS = 50;
/** A drag carrying more than this many elements (a frame full of cards) is written less often. */
const BIG_DRAG = 60;
const BIG_DRAG_WRITE_MS = 200;

interface DragState {
  id: string;
  x0: number;
  y0: number;
  /** Nodes that follow the dragged one, with their start positions. */
  followers: { node: Konva.Node; x0: number; y0: number }[];
  /** Top-level selected elements whose positions are written. */
  moving: { id: string; x0: number; y0: number }[];
  /** Ends the undo step the drag's writes merge into. */
  endGesture: () => void;
  /** Writes the drag so far (throttled: DRAG_WRITE_MS, or BIG_DRAG_WRITE_MS for a big one). */
  write: ((dx: number, dy: number) => void) & { cancel(): void };
}

function nodeIndex(stage: Konva.Stage | null): Map<string, Konva.Node> {
  const out = new Map<string, Konva.Node>();
  if (!stage) return out;
  for (const layer of stage.getLayers()) {
    for (const child of layer.getChildren()) {
      if (child.hasName('element')) out.set(child.id(), child);
    }
  }
  return out;
}

export function useDrag(
  ctx: BoardContextValue,
  stageRef: { current: Konva.Stage | null },
  /** Where the pointer is (world coordinates): Konva sends no mouse moves to the stage during a drag. */
  track: (p: { x: number; y: number }) => void,
): NodeHandlers {
  const drag = useRef<DragState | null>(null);
  const handlers = useMemo(() => {
    const moves = (d: DragState, dx: number, dy: number) =>
      d.moving.map((m) => ({ id: m.id, x: m.x0 + dx, y: m.y0 + dy }));
    const writeLine = throttle((id: string, line: number) => {
      if (ctx.canEdit) updateElement(ctx.session.doc, id, { line } as never, ctx.session.origin);
    }, DRAG_WRITE_MS);
    let endLine: (() => void) | null = null;
    const trackPointer = () => {
      const p = stageRef.current?.getRelativePointerPosition();
      if (p) track(p);
    };
    const h: NodeHandlers & { dispose(): void } = {
      onDragStart(e) {
        if (!e.target.hasName('element')) return;
        const id = e.target.id();
        const sel = clickSelect(ctx.selection.get(), id, e.evt?.shiftKey ?? false);
        const selected = sel.has(id) ? sel : new Set([...sel, id]);
        ctx.selection.set(selected);
        const { elements, byId } = ctx.store.getSnapshot();
        const top = topLevel(selected, byId).filter((s) => byId.get(s)?.type !== 'connector');
        const all = withMembers(elements, top);
        const nodes = nodeIndex(stageRef.current);
        const followers: DragState['followers'] = [];
        for (const other of all) {
          const node = nodes.get(other);
          if (!node || other === id) continue;
          followers.push({ node, x0: node.x(), y0: node.y() });
        }
        const moving = top.flatMap((m) => {
          const el = byId.get(m);
          return el && el.type !== 'connector' ? [{ id: m, x0: el.x, y0: el.y }] : [];
        });
        const self = byId.get(id);
        const x0 = self && self.type !== 'connector' ? self.x : e.target.x();
        const y0 = self && self.type !== 'connector' ? self.y : e.target.y();
        drag.current?.endGesture();
        drag.current?.write.cancel();
        const d: DragState = {
          id,
          x0,
          y0,
          followers,
          moving,
          endGesture: ctx.session.beginGesture(),
          write: throttle(
            (dx: number, dy: number) => {
              if (drag.current === d) dragTo(ctx.session.doc, moves(d, dx, dy), ctx.session.origin);
            },
            all.size > BIG_DRAG ? BIG_DRAG_WRITE_MS : DRAG_WRITE_MS,
          ),
        };
        drag.current = d;
      },
      onDragMove(e) {
        const d = drag.current;
        if (!d || e.target.id() !== d.id) return;
        const dx = e.target.x() - d.x0;
        const dy = e.target.y() - d.y0;
        for (const f of d.followers) f.node.position({ x: f.x0 + dx, y: f.y0 + dy });
        trackPointer();
        if (ctx.canEdit) d.write(Math.round(dx), Math.round(dy));
      },
      onDragEnd(e) {
        const d = drag.current;
        if (!d || e.target.id() !== d.id) return;
        drag.current = null;
        d.write.cancel();
        const dx = Math.round(e.target.x() - d.x0);
        const dy = Math.round(e.target.y() - d.y0);
        if (ctx.canEdit) moveTo(ctx.session.doc, moves(d, dx, dy), ctx.session.origin);
        d.endGesture();
      },
      onLineMove(id, line) {
        endLine ??= ctx.session.beginGesture();
        trackPointer();
        writeLine(id, line);
      },
      onLineChange(id, line) {
        writeLine.cancel();
        if (ctx.canEdit) updateElement(ctx.session.doc, id, { line } as never, ctx.session.origin);
        endLine?.();
        endLine = null;
      },
      dispose() {
        drag.current?.write.cancel();
        writeLine.cancel();
        drag.current?.endGesture();
        drag.current = null;
        endLine?.();
        endLine = null;
      },
    };
    return h;
  }, [ctx, stageRef, track]);
  // A canvas unmounted mid-drag leaves no gesture open (undo would merge everything after it).
  useEffect(() => () => handlers.dispose(), [handlers]);
  return handlers;
}
