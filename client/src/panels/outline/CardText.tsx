/**
 * A card's text in the outline, bound to its Y.Text like the canvas's editor: someone else's
 * edits are merged in with this user's caret kept where it was in the text, and local typing is
 * written as the smallest edit (`setText`), so two people typing in one card both keep theirs.
 */
import { peekText, setText } from '@truenorth/shared';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useBoard } from '../../app/boardContext';
import type { OutlineCard } from '../../lib/outline';
import { followRemoteEdits, replaceKeepingSelection } from '../../lib/textareaSync';

export function CardText({ card, label, readOnly }: { card: OutlineCard; label: string; readOnly: boolean }) {
  const ctx = useBoard();
  const { doc, origin } = ctx.session;
  const area = useRef<HTMLTextAreaElement>(null);
  // Read, not created: only typing makes a text that was stored as a string a Y.Text.
  const ytext = peekText(doc, card.id);
  useEffect(() => {
    const ta = area.current;
    if (!ta || !ytext) return;
    return followRemoteEdits(ta, ytext, origin);
  }, [ytext, origin]);
  // What reached the board without a Y.Text event (the first render, a text stored as a plain
  // string, a Y.Text replaced whole); a no-op when the textarea already shows it.
  useLayoutEffect(() => {
    if (area.current) replaceKeepingSelection(area.current, card.text);
  }, [card.text]);
  return (
    <textarea
      ref={area}
      data-control="text"
      aria-label={label}
      // Arabic and Hebrew read right to left, as the canvas and its editor show them
      // (paragraphDirection: the first strong letter decides), and follow the text as it changes.
      dir="auto"
      defaultValue={card.text}
      rows={Math.min(4, Math.max(1, Math.ceil(card.text.length / 34)))}
      readOnly={readOnly}
      onChange={(e) => setText(doc, card.id, e.target.value, origin, e.target.selectionEnd)}
      onFocus={() => ctx.selection.set(new Set([card.id]))}
    />
  );
}
