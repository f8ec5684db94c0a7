/**
 * The board's title, live: the document's meta.title is the one source everyone reads once the
 * board is open. The server writes it in the same request that renames the board record (PATCH
 * /api/boards/:id), so a rename reaches everyone on any node as an ordinary document update. Until
 * the document holds a title (not synced yet, or an old offline copy) the title the page was
 * opened with stands in. The value is parsed (readMeta) like anything another client may write.
 *
 * The browser tab and this browser's remembered boards (the start page's list) follow it.
 */
import { metaMap, readMeta } from '@truenorth/shared';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { rememberBoard, rememberedBoard } from '../lib/storage';

function titleOf(doc: Y.Doc, fallback: string): string {
  if (!metaMap(doc).has('title')) return fallback;
  return readMeta(doc).title.trim() || fallback;
}

export function useBoardTitle(doc: Y.Doc, fallback: string): string {
  const [title, setTitle] = useState(() => titleOf(doc, fallback));
  useEffect(() => {
    const meta = metaMap(doc);
    const onMeta = (event: Y.YMapEvent<unknown>) => {
      if (event.keysChanged.has('title')) setTitle(titleOf(doc, fallback));
    };
    setTitle(titleOf(doc, fallback));
    meta.observe(onMeta);
    return () => meta.unobserve(onMeta);
  }, [doc, fallback]);
  return title;
}

/** Keep the browser tab's title and the remembered board's name on `title`. */
export function useTitleFollowers(boardId: string, title: string): void {
  useEffect(() => {
    document.title = `${title} · Truenorth`;
    const known = rememberedBoard(boardId);
    if (known && known.title !== title) rememberBoard(boardId, { token: known.token, title });
  }, [boardId, title]);
}
