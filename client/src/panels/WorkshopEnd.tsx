/**
 * The close of a workshop, in everyone's workshop panel once its last step has ended (whose header
 * then says "Workshop · finished"): what it made, and the record to download. Every role may
 * download the record (the server's export routes take any board token, and the top bar's Export
 * menu offers it to all): an observer is often the stakeholder who wants it most.
 */
import { peopleMap, readPeople, tookPart, type WorkshopView } from '@truenorth/shared';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { useBoard } from '../app/boardContext';
import { boardToken, describeProgress, useExportDownload } from '../history/useExportDownload';

export function WorkshopEnd({ view }: { view: WorkshopView }) {
  const ctx = useBoard();
  const board = useSyncExternalStore(ctx.store.subscribe, ctx.store.getSnapshot);
  const people = useTookPart(ctx.session.doc, board.elements);
  const { busy, progress, error, save } = useExportDownload(boardToken(ctx));
  // What the record counts as cards: a card left blank tells its reader nothing.
  const cards = board.elements.filter((e) => e.type === 'sticky' && e.text.trim() !== '').length;
  const made = [
    count(view.agenda.length, 'exercise', 'exercises'),
    count(cards, 'card', 'cards'),
    count(people, 'person', 'people'),
  ].join(' · ');
  return (
    <section className="workshop-end" aria-labelledby="workshop-end-title" data-testid="workshop-end">
      {/* That it is finished is said once, by the panel's header ("Workshop · finished", also
          when the panel is folded); this part is what it made and its record. */}
      <h3 id="workshop-end-title">What the workshop made</h3>
      <p className="workshop-muted" data-testid="workshop-made">
        {made}
      </p>
      <div className="workshop-row">
        <button type="button" disabled={busy !== null} onClick={() => void save('pdf')}>
          Download the record (PDF)
        </button>
        <span className="workshop-muted" aria-live="polite">
          {busy ? describeProgress(progress) : ''}
        </span>
      </div>
      {error && (
        <p className="workshop-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** How many took part, as the record's cover counts them; follows people joining meanwhile. */
function useTookPart(doc: Y.Doc, elements: readonly { type: string; author?: string }[]): number {
  const [people, setPeople] = useState(() => readPeople(doc));
  useEffect(() => {
    const map = peopleMap(doc);
    const read = () => setPeople(readPeople(doc));
    read();
    map.observe(read);
    return () => map.unobserve(read);
  }, [doc]);
  return tookPart(people, elements).length;
}
