/**
 * The board's title in the top bar. A facilitator clicks it to rename the board in place: Enter
 * saves (PATCH /api/boards/:id), Escape cancels, a refusal is shown under the field, which stays
 * open. Everyone else sees the title change live (it comes through the document, useBoardTitle).
 */
import { BoardTitle as BoardTitleSchema, type Role } from '@truenorth/shared';
import { useEffect, useRef, useState } from 'react';
import { renameBoard } from '../lib/api';

export function BoardTitle({
  title,
  role,
  boardId,
  token,
}: {
  title: string;
  role: Role;
  boardId: string;
  token: string;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(title);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (editing) input.current?.select();
  }, [editing]);

  if (role !== 'facilitator') {
    return (
      <h1 className="board-title" data-testid="board-title">
        {title}
      </h1>
    );
  }
  const start = () => {
    setDraft(title);
    setProblem(null);
    setEditing(true);
  };
  const cancel = () => {
    setEditing(false);
    setProblem(null);
  };
  const save = async () => {
    const parsed = BoardTitleSchema.safeParse(draft);
    if (!parsed.success) {
      setProblem('A title needs 1 to 200 characters.');
      return;
    }
    if (parsed.data === title) return cancel();
    setBusy(true);
    setProblem(null);
    const r = await renameBoard(boardId, token, parsed.data);
    setBusy(false);
    if (!r.ok) {
      setProblem(
        r.kind === 'network'
          ? 'Could not reach the server. Try again.'
          : `Could not rename the board: ${r.message}`,
      );
      return;
    }
    setEditing(false);
  };
  if (editing) {
    return (
      <form
        className="board-title-edit"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <input
          ref={input}
          className="board-title-input"
          aria-label="Board title"
          data-testid="board-title-input"
          value={draft}
          maxLength={200}
          disabled={busy}
          aria-invalid={problem !== null}
          aria-describedby={problem ? 'board-title-problem' : undefined}
          onChange={(e) => {
            setDraft(e.target.value);
            setProblem(null);
          }}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'Escape') {
              e.preventDefault();
              cancel();
            }
          }}
        />
        {problem && (
          <p
            id="board-title-problem"
            className="board-title-problem"
            role="alert"
            data-testid="board-title-problem"
          >
            {problem}
          </p>
        )}
      </form>
    );
  }
  return (
    <h1 className="board-title" data-testid="board-title">
      <button type="button" className="board-title-button" title="Rename the board" onClick={start}>
        {title}
      </button>
    </h1>
  );
}
