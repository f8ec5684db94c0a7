/**
 * An open board: sets up the session (document, browser copy, connection, undo), shares it with
 * the canvas and panels, and wires keys and clipboard.
 */
import type { Role } from '@truenorth/shared';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { BoardCanvas } from '../canvas/BoardCanvas';
import { PresenceOverlay } from '../canvas/PresenceOverlay';
import { TextEditor } from '../canvas/TextEditor';
import { VoteBadges } from '../canvas/VoteBadges';
import { worldToScreen } from '../canvas/viewport';
import { ViewportController } from '../canvas/viewportController';
import { colorFor } from '../lib/colors';
import { Store } from '../lib/store';
import { ConnectionNotice } from '../panels/ConnectionNotice';
import { Flash } from '../panels/Flash';
import { HelpDialog } from '../panels/HelpDialog';
import { Minimap } from '../panels/Minimap';
import { OutlinePanel } from '../panels/OutlinePanel';
import { ProblemsBanner } from '../panels/ProblemsBanner';
import { RestoreNotice } from '../panels/RestoreNotice';
import { SelectionBar } from '../panels/SelectionBar';
import { StepNotice } from '../panels/StepNotice';
import { Toolbar } from '../panels/Toolbar';
import { TopBar } from '../panels/TopBar';
import { WorkshopLayer } from '../panels/WorkshopLayer';
import { ZoomControls } from '../panels/ZoomControls';
import { BoardStore } from '../sync/boardStore';
import { setPresence } from '../sync/presence';
import { BoardSession } from '../sync/session';
import { LaneSettler } from '../sync/settleLanes';
import { useBoardTitle, useTitleFollowers } from '../sync/useBoardTitle';
import { WorkshopClient } from '../sync/workshop';
import { BoardContext, type BoardContextValue, useBoard } from './boardContext';
import { ErrorPage } from './ErrorPage';
import { runAction } from './runAction';
import type { ActionId } from './shortcuts';
import { useBoardKeys } from './useBoardKeys';
import { useNoticesRoom } from './useNoticesRoom';

declare global {
  interface Window {
    /** For end-to-end tests and debugging: the live document and connection. */
    __truenorth?: {
      doc: BoardSession['doc'];
      provider: BoardSession['provider'];
      undo: BoardSession['undo'];
      origin: BoardSession['origin'];
      session: BoardSession;
      /** Where an element's centre is on the page, or null when it is not known. */
      screenCenterOf: (id: string) => { x: number; y: number } | null;
      /** Where a world point is on the page (for tests that drag to a place on the board). */
      worldToScreen: (p: { x: number; y: number }) => { x: number; y: number } | null;
      /** The live view (the client benchmark moves the camera through it). */
      viewport: ViewportController;
    };
  }
}

function pageOf(ctx: BoardContextValue, world: { x: number; y: number }): { x: number; y: number } | null {
  const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
  if (!canvas) return null;
  const p = worldToScreen(ctx.viewport.get(), world);
  return { x: canvas.left + p.x, y: canvas.top + p.y };
}

function screenCenterOf(ctx: BoardContextValue, id: string): { x: number; y: number } | null {
  const el = ctx.store.getSnapshot().byId.get(id);
  if (!el || el.type === 'connector') return null;
  return pageOf(ctx, { x: el.x + el.w / 2, y: el.y + el.h / 2 });
}

export interface BoardViewProps {
  boardId: string;
  token: string;
  title: string;
  role: Role;
  name: string;
  canEdit: boolean;
}

export function BoardView(props: BoardViewProps) {
  const [ctx, setCtx] = useState<BoardContextValue | null>(null);
  const { boardId, token, name, canEdit, role } = props;

  useEffect(() => {
    const session = new BoardSession(boardId, token);
    const store = new BoardStore(session.doc);
    // Cards put back in their lane or step after two people changed the parts at once.
    const settler = canEdit ? new LaneSettler(session.doc) : null;
    const user = { name, color: colorFor(name) };
    const value: BoardContextValue = {
      session,
      store,
      selection: new Store<ReadonlySet<string>>(new Set()),
      editing: new Store<string | null>(null),
      viewport: new ViewportController(),
      pointer: { current: null },
      cursorHidden: { current: false },
      canEdit,
      role,
      user,
    };
    const { awareness } = session.provider;
    setPresence(awareness, { user, cursor: null, selection: [], editing: null, role });
    const offSel = value.selection.subscribe(() =>
      setPresence(awareness, { selection: [...value.selection.get()].slice(0, 500) }),
    );
    const offEdit = value.editing.subscribe(() => setPresence(awareness, { editing: value.editing.get() }));
    window.__truenorth = {
      doc: session.doc,
      provider: session.provider,
      undo: session.undo,
      origin: session.origin,
      session,
      screenCenterOf: (id) => screenCenterOf(value, id),
      worldToScreen: (p) => pageOf(value, p),
      viewport: value.viewport,
    };
    setCtx(value);
    return () => {
      offSel();
      offEdit();
      delete window.__truenorth;
      settler?.destroy();
      store.destroy();
      session.destroy();
    };
  }, [boardId, token, name, canEdit, role]);

  const [outline, setOutline] = useState(false);
  const [help, setHelp] = useState(false);
  const run = useCallback(
    (id: ActionId) => {
      if (!ctx) return;
      runAction(
        ctx,
        { toggleOutline: () => setOutline((o) => !o), toggleHelp: () => setHelp((h) => !h) },
        id,
      );
    },
    [ctx],
  );
  useBoardKeys(ctx, run);

  if (!ctx) return <div className="loading">Opening board…</div>;
  return (
    <BoardContext.Provider value={ctx}>
      <Board {...props} run={run} outline={outline} setOutline={setOutline} help={help} setHelp={setHelp} />
    </BoardContext.Provider>
  );
}

function Board({
  title,
  token,
  role,
  canEdit,
  run,
  outline,
  setOutline,
  help,
  setHelp,
}: BoardViewProps & {
  run: (id: ActionId) => void;
  outline: boolean;
  setOutline: (o: boolean) => void;
  help: boolean;
  setHelp: (h: boolean) => void;
}) {
  const ctx = useBoard();
  const snap = useSyncExternalStore(ctx.session.subscribe, ctx.session.getSnapshot);
  // The title as everyone on the board sees it now (a facilitator may rename it any time).
  const liveTitle = useBoardTitle(ctx.session.doc, title);
  useTitleFollowers(ctx.session.boardId, liveTitle);
  // The workshop's control channel: the canvas (vote clicks, timer, panel) and the outline
  // (keyboard voting) show and send through the same one.
  const [workshop] = useState(() => new WorkshopClient(ctx.session.provider));
  useEffect(() => () => workshop.destroy(), [workshop]);
  // Closing the outline gives the focus back to the button that opens it.
  const outlineToggle = useRef<HTMLButtonElement>(null);
  // On a phone the outline makes room for the notices below it (styles.css).
  const boardRef = useRef<HTMLDivElement>(null);
  const noticesRef = useRef<HTMLDivElement>(null);
  useNoticesRoom(boardRef, noticesRef);
  // "Vote from a list" (the vote banner) opens the outline at the cards being voted on.
  const [outlineAtVote, setOutlineAtVote] = useState(false);
  useEffect(() => {
    if (!outline) setOutlineAtVote(false);
  }, [outline]);
  if (snap.fatal) {
    return (
      <ErrorPage
        kind="closed"
        code={snap.fatal.error}
        detail={snap.fatal.reason}
        unsaved={snap.fatal.unsaved}
      />
    );
  }
  return (
    <div
      ref={boardRef}
      className={`board${outline ? ' with-outline' : ''}`}
      data-role={role}
      data-testid="board"
    >
      <TopBar
        title={liveTitle}
        token={token}
        role={role}
        run={run}
        outlineOpen={outline}
        outlineToggleRef={outlineToggle}
      />
      <ConnectionNotice />
      <main className="stage-wrap">
        <BoardCanvas />
        <TextEditor />
        <PresenceOverlay />
        <VoteBadges workshop={workshop} />
        <Toolbar run={run} />
        <SelectionBar run={run} />
        <ZoomControls run={run} />
        <Minimap />
        <ProblemsBanner />
        {/* One column for notices, clear of the panels (styles.css). */}
        <div className="notices" ref={noticesRef}>
          <RestoreNotice />
          <Flash />
          <StepNotice role={role} client={workshop} />
        </div>
        <WorkshopLayer
          role={role}
          client={workshop}
          outlineOpen={outline}
          voteFromList={() => {
            setOutlineAtVote(true);
            setOutline(true);
          }}
        />
        {!canEdit && (
          <div className="view-only" data-testid="view-only">
            View only — you are watching this board live
          </div>
        )}
      </main>
      {outline && (
        <OutlinePanel
          onClose={() => setOutline(false)}
          startAtVote={outlineAtVote}
          returnFocus={() => outlineToggle.current?.focus()}
          workshop={workshop}
        />
      )}
      {help && <HelpDialog canEdit={canEdit} onClose={() => setHelp(false)} />}
    </div>
  );
}
