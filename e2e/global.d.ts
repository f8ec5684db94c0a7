import type * as Y from 'yjs';

declare global {
  interface Window {
    /** Exposed by the board page for tests and debugging. */
    __truenorth?: {
      doc: Y.Doc;
      provider: { synced: boolean; wsconnected: boolean };
      screenCenterOf?: (id: string) => { x: number; y: number } | null;
    };
  }
}
