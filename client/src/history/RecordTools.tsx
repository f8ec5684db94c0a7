/** Top bar buttons for the workshop record: history, CSV import, exports (PDF, data, PNG). */
import { type ElementOf, type Role, readingOrder } from '@truenorth/shared';
import { useRef, useState } from 'react';
import { useBoard } from '../app/boardContext';
import { useDismiss } from '../lib/useDismiss';
import { Icon } from '../panels/icons';
import { ExportMenu } from './ExportMenu';
import { download, renderPng } from './exportPng';
import { HistoryPanel } from './HistoryPanel';
import { ImportDialog } from './ImportDialog';
import { frameMembers, pngName } from './pngFiles';
import { boardToken } from './useExportDownload';
import './history.css';

type Open = 'history' | 'import' | 'png' | 'export' | null;

export function RecordTools({ title, role }: { title: string; role: Role }) {
  const ctx = useBoard();
  const [open, setOpen] = useState<Open>(null);
  const token = boardToken(ctx);
  const toggle = (what: Open) => setOpen((o) => (o === what ? null : what));
  const exportBox = useRef<HTMLDivElement>(null);
  const pngBox = useRef<HTMLDivElement>(null);
  useDismiss(exportBox, open === 'export', () => setOpen(null));
  useDismiss(pngBox, open === 'png', () => setOpen(null));
  return (
    <>
      <button
        type="button"
        className={`tool${open === 'history' ? ' is-active' : ''}`}
        aria-label="History"
        title="History: snapshots, restore, compare"
        data-testid="open-history"
        onClick={() => toggle('history')}
      >
        <Icon name="history" />
      </button>
      {ctx.canEdit && (
        <button
          type="button"
          className="tool"
          aria-label="Import cards from CSV"
          title="Import cards from CSV"
          data-testid="open-import"
          onClick={() => toggle('import')}
        >
          <Icon name="import" />
        </button>
      )}
      <div className="share" ref={exportBox}>
        <button
          type="button"
          className={`tool${open === 'export' ? ' is-active' : ''}`}
          aria-label="Export"
          aria-expanded={open === 'export'}
          title="Export the workshop record (PDF) or the cards (CSV, JSON, Markdown)"
          data-testid="open-export"
          onClick={() => toggle('export')}
        >
          <Icon name="export" />
        </button>
        {open === 'export' && <ExportMenu token={token} onClose={() => setOpen(null)} />}
      </div>
      <div className="share" ref={pngBox}>
        <button
          type="button"
          className={`tool${open === 'png' ? ' is-active' : ''}`}
          aria-label="Export PNG"
          aria-expanded={open === 'png'}
          title="Export a frame or the board as PNG"
          data-testid="open-png"
          onClick={() => toggle('png')}
        >
          <Icon name="image" />
        </button>
        {open === 'png' && <PngMenu title={title} onClose={() => setOpen(null)} />}
      </div>
      {open === 'history' && (
        <HistoryPanel token={token} facilitator={role === 'facilitator'} onClose={() => setOpen(null)} />
      )}
      {open === 'import' && <ImportDialog onClose={() => setOpen(null)} />}
    </>
  );
}

function PngMenu({ title, onClose }: { title: string; onClose: () => void }) {
  const ctx = useBoard();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { elements } = ctx.store.getSnapshot();
  const frames = elements.filter((e): e is ElementOf<'frame'> => e.type === 'frame').sort(readingOrder);
  const save = async (frame: ElementOf<'frame'> | null) => {
    setBusy(frame?.id ?? 'board');
    setError(null);
    try {
      const url = frame
        ? await renderPng(frameMembers(elements, frame.id), {
            x: frame.x - 24,
            y: frame.y - 24,
            w: frame.w + 48,
            h: frame.h + 48,
          })
        : await renderPng(elements);
      download(url, pngName(title, frame ? frame.title : null));
      onClose();
    } catch (e) {
      setError(`Could not draw the picture: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="popover png-menu" role="dialog" aria-label="Export PNG" data-testid="png-menu">
      <div className="popover-head">
        <strong>Export PNG</strong>
        <button type="button" className="tool" aria-label="Close" onClick={onClose}>
          <Icon name="close" size={16} />
        </button>
      </div>
      <button
        type="button"
        className="png-item"
        disabled={busy !== null || elements.length === 0}
        onClick={() => void save(null)}
      >
        Whole board {busy === 'board' && '…'}
      </button>
      {frames.map((f) => (
        <button
          type="button"
          key={f.id}
          className="png-item"
          data-frame-id={f.id}
          disabled={busy !== null}
          onClick={() => void save(f)}
        >
          {f.title} {busy === f.id && '…'}
        </button>
      ))}
      {error && <p className="hist-error">{error}</p>}
    </div>
  );
}
