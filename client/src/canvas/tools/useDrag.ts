/**
 * Dragging elements: the dragged node moves by Konva; the rest of the selection and the members
 * of dragged containers follow imperatively; on drop, one `moveTo` command writes the positions
 * and re-parents cards by where they landed.
 */
import { moveTo, updateElement, withMembers } from '@truenorth/shared';
import type Konva from 'konva';
import { useMemo, useRef } from 'react';
import type { BoardContextValue } from '../../app/boardContext';
import type { NodeHandlers } from '../elements/types';
import { clickSelect, topLevel } from './selection';

interface DragState {
  id: string;
  x0: number;
  y0: number;
  /** Nodes that follow the dragged one, with their start positions. */
  followers: { node: Konva.Node; x0: number; y0: number }[];
  /** Top-level selected elements whose positions are written on drop. */
  moving: { id: string; x0: number; y0: number }[];
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

export function useDrag(ctx: BoardContextValue, stageRef: { current: Konva.Stage | null }): NodeHandlers {
  const drag = useRef<DragState | null>(null);
  return useMemo<NodeHandlers>(
    () => ({
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
        drag.current = { id, x0, y0, followers, moving };
      },
      onDragMove(e) {
        const d = drag.current;
        if (!d || e.target.id() !== d.id) return;
        const dx = e.target.x() - d.x0;
        const dy = e.target.y() - d.y0;
        for (const f of d.followers) f.node.position({ x: f.x0 + dx, y: f.y0 + dy });
      },
      onDragEnd(e) {
        const d = drag.current;
        if (!d || e.target.id() !== d.id) return;
        drag.current = null;
        const dx = Math.round(e.target.x() - d.x0);
        const dy = Math.round(e.target.y() - d.y0);
        if (!ctx.canEdit) return;
        moveTo(
          ctx.session.doc,
          d.moving.map((m) => ({ id: m.id, x: m.x0 + dx, y: m.y0 + dy })),
          ctx.session.origin,
        );
      },
      onLineChange(id, line) {
        if (ctx.canEdit) updateElement(ctx.session.doc, id, { line } as never, ctx.session.origin);
      },
    }),
    [ctx, stageRef],
  );
}
