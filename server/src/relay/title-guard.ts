/**
 * The board's title in the document (`meta.title`) is the server's to write: at creation, and in
 * the rename request (PATCH /api/boards/:id), which renames the board record in the same request.
 * A client that sets it over the protocol — any role: even a facilitator's direct write would
 * leave the record, the name prompt and the exports on the old name — is put back the way locks
 * are (`locks.ts`): its update is applied, then a repair by the server, in the same batch, sets the
 * title the server last wrote, so every copy converges on it.
 */
import { metaMap } from '@truenorth/shared';
import type * as Y from 'yjs';

const TITLE = 'title';

export class TitleGuard {
  private readonly meta: Y.Map<unknown>;
  /** The title as the server last wrote it (undefined: none). */
  private title: unknown;
  private dirty = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly opts: {
      /** Whether a transaction with this origin may set the title (the server's, other nodes'). */
      mayWrite(origin: unknown): boolean;
      repairOrigin: unknown;
    },
  ) {
    this.meta = metaMap(doc);
    this.title = this.meta.get(TITLE);
    doc.on('afterTransaction', this.onTransaction);
  }

  /** Put back a title written by a client since the last call; 1 when it did, else 0. */
  repair(): number {
    if (!this.dirty) return 0;
    this.dirty = false;
    if (this.meta.get(TITLE) === this.title) return 0;
    this.doc.transact(() => {
      if (this.title === undefined) this.meta.delete(TITLE);
      else this.meta.set(TITLE, this.title);
    }, this.opts.repairOrigin);
    return 1;
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.onTransaction);
  }

  private readonly onTransaction = (tr: Y.Transaction): void => {
    // One map lookup per transaction (this runs for every update applied): no copy of `changed`.
    const keys = tr.changed.get(this.meta as unknown as Parameters<typeof tr.changed.get>[0]);
    if (!keys?.has(TITLE)) return;
    if (this.opts.mayWrite(tr.origin)) this.title = this.meta.get(TITLE);
    else this.dirty = true;
  };
}
