import type { Element, ElementKind, ElementOf } from '@truenorth/shared';
import type Konva from 'konva';

/** Pointer handlers shared by every element node; stable for the canvas's lifetime. */
export interface NodeHandlers {
  onDragStart(e: Konva.KonvaEventObject<DragEvent>): void;
  onDragMove(e: Konva.KonvaEventObject<DragEvent>): void;
  onDragEnd(e: Konva.KonvaEventObject<DragEvent>): void;
  /** A container's movable line is being dragged, now at a fraction (0–1). */
  onLineMove(id: string, line: number): void;
  /** A container's movable line was dropped at a fraction (0–1). */
  onLineChange(id: string, line: number): void;
}

export interface ElementProps<K extends ElementKind = ElementKind> {
  el: ElementOf<K>;
  /** Draw text and decorations (false when zoomed far out). */
  detail: boolean;
  draggable: boolean;
  handlers: NodeHandlers;
  /** Elements by id, for connectors and member counts. */
  byId?: Map<string, Element>;
  members?: number;
  /**
   * The view's zoom, in steps (labelFit's `zoomStep`); only containers get it: their titles and
   * names keep a readable size on screen when zoomed out.
   */
  scale?: number;
  /** Revealed votes are drawn by the canvas's overlay (VoteBadges), not on the card. */
  votesOverlay?: boolean;
}

export { INK } from '../../lib/colors';
export const MUTED = '#6b7280';
export const FONT = 'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
