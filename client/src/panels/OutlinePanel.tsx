/**
 * The outline view: the same document as the canvas, as headings, lists and form controls, so
 * it works with the keyboard alone and reads well in a screen reader. Cards can be added,
 * edited, moved between groups and deleted; each change is announced.
 */
import { deleteElements, type Element, setMembership, setText, updateElement } from '@truenorth/shared';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { addStickyTo, editable, slotPosition } from '../app/actions';
import { useBoard } from '../app/boardContext';
import { allGroups, buildOutline, type OutlineCard, type OutlineGroup } from '../lib/outline';
import { Icon } from './icons';

export function OutlinePanel({ onClose }: { onClose: () => void }) {
  const ctx = useBoard();
  const board = useSyncExternalStore(ctx.store.subscribe, ctx.store.getSnapshot);
  const sections = useMemo(() => buildOutline(board.elements), [board]);
  const groups = useMemo(() => allGroups(sections), [sections]);
  const [announcement, setAnnouncement] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const moveCard = (card: OutlineCard, key: string) => {
    const target = groups.find((g) => g.key === key);
    if (!target || !ctx.canEdit) return;
    const { doc, origin } = ctx.session;
    const g = target.group;
    doc.transact(() => {
      setMembership(doc, card.id, g.parent, g.slot, origin);
      if (g.rect) updateElement(doc, card.id, slotPosition(g.rect, g.cards.length) as never, origin);
    }, origin);
    setAnnouncement(`Moved “${short(card.text)}” to ${target.label}`);
    // The card is re-rendered under its new group: keep the keyboard user's place on it.
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`[data-card-id="${CSS.escape(card.id)}"] select`)?.focus(),
    );
  };

  return (
    <aside className="outline" aria-label="Outline" data-testid="outline">
      <div className="outline-head">
        <h2 ref={heading} tabIndex={-1}>
          Outline
        </h2>
        <button type="button" className="tool" aria-label="Close outline" onClick={onClose}>
          <Icon name="close" />
        </button>
      </div>
      <div className="sr-only" aria-live="polite" data-testid="outline-announcement">
        {announcement}
      </div>
      <div className="outline-body">
        {sections
          .filter((s) => s.id !== null || s.groups.some((g) => g.cards.length || g.parent))
          .map((s) => (
            <section key={s.id ?? 'outside'} className="outline-section" aria-label={s.title}>
              <h3>{s.title}</h3>
              {s.intro && (
                <p className="outline-intro" data-testid="outline-intro">
                  {s.intro.text}
                </p>
              )}
              {s.groups.map((g) => (
                <Group
                  key={g.key}
                  group={g}
                  groups={groups}
                  byId={board.byId}
                  onMove={moveCard}
                  onAnnounce={setAnnouncement}
                />
              ))}
            </section>
          ))}
      </div>
    </aside>
  );
}

function short(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 40 ? `${t.slice(0, 39)}…` : t || 'empty card';
}

function Group({
  group,
  groups,
  onMove,
  byId,
  onAnnounce,
}: {
  group: OutlineGroup;
  groups: { key: string; label: string }[];
  onMove: (card: OutlineCard, key: string) => void;
  /** The board's elements, for whether each card is this user's to change (locks). */
  byId: ReadonlyMap<string, Element>;
  onAnnounce: (s: string) => void;
}) {
  const ctx = useBoard();
  const [draft, setDraft] = useState('');
  const labelId = `grp-${group.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const add = () => {
    const text = draft.trim();
    if (!text) return;
    addStickyTo(ctx, group.rect, { parent: group.parent, slot: group.slot }, text, group.cards.length);
    setDraft('');
    onAnnounce(`Added “${short(text)}” to ${group.label}`);
  };
  return (
    <section className="outline-group" aria-labelledby={labelId} data-group-key={group.key}>
      <h4 id={labelId}>
        {group.label} <span className="count">({group.cards.length})</span>
      </h4>
      <ul>
        {group.cards.map((c) => {
          // Locked cards are the facilitator's alone: no edits the server would undo again.
          const mayChange = editable(ctx, byId.get(c.id));
          const locked = ctx.canEdit && !mayChange;
          return (
            <li key={c.id} className="outline-card" data-card-id={c.id}>
              <textarea
                aria-label={`Card: ${short(c.text)}${c.side ? ` (${c.side})` : ''}${locked ? ' (locked by the facilitator)' : ''}`}
                value={c.text}
                rows={Math.min(4, Math.max(1, Math.ceil(c.text.length / 34)))}
                readOnly={!mayChange}
                onChange={(e) => setText(ctx.session.doc, c.id, e.target.value, ctx.session.origin)}
                onFocus={() => ctx.selection.set(new Set([c.id]))}
              />
              {c.side && (
                <span className="outline-side" data-testid="outline-side">
                  {c.side}
                </span>
              )}
              {locked && (
                <span
                  className="outline-locked"
                  title="Locked by the facilitator"
                  data-testid="outline-locked"
                >
                  <Icon name="lock" size={14} /> Locked
                </span>
              )}
              {mayChange && (
                <div className="outline-card-actions">
                  <select
                    aria-label={`Move “${short(c.text)}” to`}
                    value={group.key}
                    onChange={(e) => onMove(c, e.target.value)}
                  >
                    {groups.map((g) => (
                      <option key={g.key} value={g.key}>
                        {g.label}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    className="tool tool-small"
                    aria-label={`Delete “${short(c.text)}”`}
                    title="Delete card"
                    onClick={() => {
                      deleteElements(ctx.session.doc, [c.id], ctx.session.origin);
                      onAnnounce(`Deleted “${short(c.text)}”`);
                    }}
                  >
                    <Icon name="trash" size={16} />
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {ctx.canEdit && (
        <form
          className="outline-add"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <input
            type="text"
            value={draft}
            maxLength={2000}
            placeholder="Add a card…"
            aria-label={`New card in ${group.label}`}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button
            type="submit"
            className="tool tool-small"
            aria-label={`Add card to ${group.label}`}
            disabled={!draft.trim()}
          >
            <Icon name="plus" size={16} />
          </button>
        </form>
      )}
    </section>
  );
}
