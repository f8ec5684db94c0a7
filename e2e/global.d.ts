import type * as Y from 'yjs';

declare global {
  interface Window {
    /** Exposed by the board page (client/src/app/BoardView.tsx) for tests and debugging. */
    __truenorth?: {
      doc: Y.Doc;
      provider: {
        synced: boolean;
        wsconnected: boolean;
        ws: WebSocket | null;
        connect(): void;
        disconnect(): void;
        /** This browser's presence (y-protocols' awareness). */
        awareness: {
          getLocalState(): Record<string, unknown> | null;
          /** Everyone's presence here, this browser's included, by client id. */
          getStates(): Map<number, Record<string, unknown>>;
        };
      };
      undo: Y.UndoManager;
      origin: unknown;
      screenCenterOf?: (id: string) => { x: number; y: number } | null;
      worldToScreen?: (p: { x: number; y: number }) => { x: number; y: number } | null;
      /** The live view: `get()` is where the board's origin is on the canvas, and the zoom. */
      viewport?: {
        get(): { x: number; y: number; scale: number };
        /** The largest part of the canvas no panel covers (canvas-relative screen rectangle). */
        clearArea?(): { x: number; y: number; w: number; h: number };
      };
    };
  }
}
