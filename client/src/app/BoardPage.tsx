/**
 * The page at /b/:id?token=…: resolve the token (from the link, or remembered for this board),
 * learn our role, ask for a name once, then open the board. While offline, a board opened here
 * before opens from the browser's copy with the role remembered from last time.
 */
import { canEdit, type Role } from '@truenorth/shared';
import { useEffect, useState } from 'react';
import { getBoard } from '../lib/api';
import { getDisplayName, rememberBoard, rememberedBoard, setDisplayName } from '../lib/storage';
import { BoardView } from './BoardView';
import { ErrorPage } from './ErrorPage';
import { NamePrompt } from './NamePrompt';
import { boardPath } from './route';

type Meta =
  | { state: 'ok'; title: string; role: Role }
  | { state: 'error'; kind: string; code?: string }
  | null;

export function BoardPage({ boardId, token: linkToken }: { boardId: string; token: string | null }) {
  const token = linkToken ?? rememberedBoard(boardId)?.token ?? null;
  const [meta, setMeta] = useState<Meta>(null);
  const [name, setName] = useState(getDisplayName);

  useEffect(() => {
    // Keep the token in the address so the link can be copied from the address bar.
    if (token && !linkToken) history.replaceState(null, '', boardPath(boardId, token));
  }, [boardId, token, linkToken]);

  useEffect(() => {
    if (!token) return;
    let live = true;
    getBoard(boardId, token).then((r) => {
      if (!live) return;
      if (r.ok) {
        rememberBoard(boardId, { token, title: r.value.title, role: r.value.role });
        document.title = `${r.value.title} · Truenorth`;
        setMeta({ state: 'ok', title: r.value.title, role: r.value.role });
        return;
      }
      const known = rememberedBoard(boardId);
      if ((r.kind === 'network' || r.status >= 500) && known?.role && known.token === token) {
        setMeta({ state: 'ok', title: known.title, role: known.role });
      } else if (r.kind === 'network') setMeta({ state: 'error', kind: 'network' });
      else setMeta({ state: 'error', kind: 'http', code: r.code });
    });
    return () => {
      live = false;
    };
  }, [boardId, token]);

  if (!token) return <ErrorPage kind="no-token" />;
  if (meta?.state === 'error') return <ErrorPage kind={meta.kind} code={meta.code} />;
  if (!meta) return <div className="loading">Opening board…</div>;
  if (!name) {
    return (
      <NamePrompt
        title={meta.title}
        role={meta.role}
        onDone={(n) => {
          setDisplayName(n);
          setName(n);
        }}
      />
    );
  }
  return (
    <BoardView
      boardId={boardId}
      token={token}
      title={meta.title}
      role={meta.role}
      name={name}
      canEdit={canEdit(meta.role)}
    />
  );
}
