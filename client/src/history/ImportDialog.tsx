/**
 * CSV import of cards into a frame: choose the frame, pick a file or paste, see every row's fate
 * before anything changes. Rows with errors are listed with the reason; the valid rows are
 * imported only on an explicit choice, in one transaction (one undo removes them all).
 */
import {
  applyCardImport,
  type Element,
  type ElementOf,
  IMPORTED_CARD_SIZE,
  type ImportPlace,
  type ImportRow,
  layoutCardImport,
  planCardImport,
  readingOrder,
} from '@truenorth/shared';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { showElement } from '../app/actions';
import { useBoard } from '../app/boardContext';
import { Modal } from '../panels/Modal';
import { short } from './format';
import './history.css';

const MAX_FILE_BYTES = 2_000_000;

function frameOwning(el: Element | undefined, byId: ReadonlyMap<string, Element>): string | null {
  for (let d = 0; el && d < 64; d++) {
    if (el.type === 'frame') return el.id;
    el = el.parent === null ? undefined : byId.get(el.parent);
  }
  return null;
}

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const ctx = useBoard();
  const board = useSyncExternalStore(ctx.store.subscribe, ctx.store.getSnapshot);
  const frames = useMemo(
    () => board.elements.filter((e): e is ElementOf<'frame'> => e.type === 'frame').sort(readingOrder),
    [board],
  );
  const [frameId, setFrameId] = useState(() => {
    const first = [...ctx.selection.get()][0];
    return frameOwning(first ? board.byId.get(first) : undefined, board.byId) ?? frames[0]?.id ?? '';
  });
  const [text, setText] = useState('');
  const [fileNote, setFileNote] = useState<string | null>(null);
  const [skipBad, setSkipBad] = useState(false);

  const plan = useMemo(
    () => (text.trim() && frameId ? planCardImport(text, board.elements, frameId) : null),
    [text, frameId, board],
  );
  const rows = plan?.ok ? plan.rows : [];
  // Where the cards will land, told before anything changes: smaller cards, a box that grows.
  const places = useMemo(
    () => (plan?.ok ? layoutCardImport(plan.rows, board.elements, { name: '', now: 0 }).places : []),
    [plan, board],
  );
  const ready = rows.filter((r) => r.status === 'ok');
  const bad = rows.filter((r) => r.status === 'error');
  const skipped = rows.filter((r) => r.status === 'skipped');
  // New input: the user must look at its errors again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the input changes
  useEffect(() => setSkipBad(false), [text, frameId]);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileNote(`“${file.name}” is ${(file.size / 1e6).toFixed(1)} MB; at most 2 MB can be imported.`);
      return;
    }
    setFileNote(`From “${file.name}”`);
    setText(await file.text());
  };

  const doImport = () => {
    if (!plan?.ok || ready.length === 0 || (bad.length > 0 && !skipBad)) return;
    const { doc, origin } = ctx.session;
    // Laid out against the board as it is at this moment, cards and any growing of their boxes
    // written in one transaction (one undo).
    const layout = layoutCardImport(plan.rows, ctx.store.getSnapshot().elements, {
      name: ctx.user.name,
      now: Date.now(),
    });
    const ids = applyCardImport(doc, layout, origin);
    ctx.selection.set(new Set(ids));
    // The chosen frame is often not the one on screen (the board opens on Introductions): without
    // going there, all the import shows is "499 selected" over an unchanged canvas.
    showElement(ctx, frameId);
    onClose();
  };

  const frame = frames.find((f) => f.id === frameId);
  return (
    <Modal
      title="Import cards from CSV"
      className="import-modal"
      testId="import-dialog"
      closeLabel="Close import"
      onClose={onClose}
    >
      {frames.length === 0 ? (
        <p className="hist-error">This board has no frame to import into. Add an exercise frame first.</p>
      ) : (
        <>
          <p className="muted small">
            One card per row. Columns: <code>text</code> or <code>idea</code> (required),{' '}
            <code>container</code> (a box, lane or theme of the frame, by name; empty = the frame’s first
            box), <code>author</code>, <code>color</code>; other columns are left out. Commas, semicolons or
            tabs between them, as your spreadsheet saves them. The CSV export of this app imports back as it
            is.
          </p>
          <div className="import-source">
            <label>
              Into frame
              <select value={frameId} onChange={(e) => setFrameId(e.target.value)} data-testid="import-frame">
                {frames.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.title}
                  </option>
                ))}
              </select>
            </label>
            <label className="btn btn-small import-file">
              Choose a file…
              <input
                type="file"
                accept=".csv,.tsv,.txt,text/csv,text/plain"
                data-testid="import-file"
                onChange={(e) => void readFile(e.target.files?.[0])}
              />
            </label>
            {fileNote && <span className="muted small">{fileNote}</span>}
          </div>
          <textarea
            className="import-text"
            value={text}
            rows={5}
            spellCheck={false}
            placeholder={'…or paste here, e.g.\ntext,container,author\nSlow onboarding,Problem,Ana'}
            aria-label="CSV text"
            data-testid="import-text"
            // Cards in Arabic or Hebrew (a file without a header starts with one) read right to left.
            dir="auto"
            onChange={(e) => {
              setFileNote(null);
              setText(e.target.value);
            }}
          />
          {plan && !plan.ok && (
            <p className="hist-error" role="alert" data-testid="import-error">
              {plan.error}
            </p>
          )}
          {plan?.ok && (
            <>
              <p className="import-summary" data-testid="import-summary">
                <strong>{ready.length}</strong> {ready.length === 1 ? 'card' : 'cards'} ready for “
                {frame?.title}”
                {bad.length > 0 && (
                  <>
                    {' '}
                    · <span className="import-bad-count">{bad.length} with errors</span>
                  </>
                )}
                {skipped.length > 0 && <> · {skipped.length} of other exercises skipped</>}
              </p>
              <PlaceNotes places={places} />
              <PreviewTable rows={rows} />
              {bad.length > 0 && (
                <p className="muted small">
                  Fix the file and load it again, or leave the rows with errors out: nothing is imported half.
                </p>
              )}
            </>
          )}
          <div className="import-actions">
            {bad.length > 0 && ready.length > 0 && (
              <label className="import-skip">
                <input
                  type="checkbox"
                  checked={skipBad}
                  data-testid="import-skip-bad"
                  onChange={(e) => setSkipBad(e.target.checked)}
                />
                Leave out the {bad.length} {bad.length === 1 ? 'row' : 'rows'} with errors
              </label>
            )}
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
            <button
              type="button"
              className="btn btn-primary"
              data-testid="import-confirm"
              disabled={ready.length === 0 || (bad.length > 0 && !skipBad)}
              onClick={doImport}
            >
              Import {ready.length} {ready.length === 1 ? 'card' : 'cards'}
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}

/** Places where the cards are made smaller or their box grows, in a sentence each. */
function PlaceNotes({ places }: { places: readonly ImportPlace[] }) {
  const told = places.filter((p) => p.size < IMPORTED_CARD_SIZE || p.grownBy > 0);
  if (told.length === 0) return null;
  return (
    <ul className="import-fit" data-testid="import-fit">
      {told.map((p) => {
        const pct = Math.round((100 * p.size) / IMPORTED_CARD_SIZE);
        const cards = `${p.count} ${p.count === 1 ? 'card' : 'cards'}`;
        return (
          <li
            key={`${p.target.parent}:${p.target.slot ?? ''}`}
            className={p.readable ? 'muted small' : 'import-fit-warn small'}
            data-readable={p.readable}
          >
            “{p.target.name}”:{' '}
            {p.readable
              ? `${cards} at ${pct} % size${p.grownBy > 0 ? `; the box grows taller to hold them` : ' to fit the box'}.`
              : `${cards} only fit at ${pct} % size, too small to read: ${
                  p.growable ? 'the box cannot grow into what is below it' : 'this box cannot grow'
                }. Import fewer here, or into a box that can grow (such as Card Sorting’s idea pool).`}
          </li>
        );
      })}
    </ul>
  );
}

function PreviewTable({ rows }: { rows: readonly ImportRow[] }) {
  return (
    <div className="import-table-wrap">
      <table className="import-table" data-testid="import-preview">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Text</th>
            <th scope="col">Goes to</th>
            <th scope="col">Author</th>
            <th scope="col">Colour</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.line} className={`row-${r.status}`} data-status={r.status} data-line={r.line}>
              <td>{r.line}</td>
              {/* As the card will show it: Arabic and Hebrew right to left. */}
              <td dir="auto" data-testid="import-row-text">
                {short(r.text, 60)}
              </td>
              <td>
                {r.target ? r.target.name : r.container || '—'}
                {r.defaulted && <span className="muted small"> (first box)</span>}
              </td>
              <td dir="auto">{r.author || <span className="muted">you</span>}</td>
              <td>
                <span className={`import-swatch swatch-${r.color}`} aria-hidden="true" /> {r.color}
              </td>
              <td className="import-status">
                {r.status === 'ok'
                  ? 'Ready'
                  : r.status === 'skipped'
                    ? `Skipped: ${r.problems[0] ?? ''}`
                    : r.problems.join('; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
