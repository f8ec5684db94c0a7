/** Export menu: the PDF workshop record and the cards as data, made on the server. */
import { useState } from 'react';
import { useBoard } from '../app/boardContext';
import { Icon } from '../panels/icons';
import { EXPORT_FORMATS, type ExportFormat, fetchExport, type Progress } from './exportFiles';
import { download } from './exportPng';

function describe(p: Progress | null): string {
  if (!p || p.received === 0) return 'Preparing…';
  const kb = Math.max(1, Math.round(p.received / 1024));
  return p.total ? `${Math.round((100 * p.received) / p.total)}%` : `${kb} KB…`;
}

export function ExportMenu({ token, onClose }: { token: string; onClose: () => void }) {
  const ctx = useBoard();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);

  const save = async (format: ExportFormat) => {
    setBusy(format);
    setProgress(null);
    setError(null);
    try {
      const { blob, name } = await fetchExport(ctx.session.boardId, token, format, setProgress);
      const url = URL.createObjectURL(blob);
      download(url, name);
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      onClose();
    } catch (e) {
      setError(`The export failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="popover png-menu" role="dialog" aria-label="Export" data-testid="export-menu">
      <div className="popover-head">
        <strong>Export</strong>
        <button type="button" className="tool" aria-label="Close" onClick={onClose}>
          <Icon name="close" size={16} />
        </button>
      </div>
      {EXPORT_FORMATS.map((f) => (
        <button
          type="button"
          key={f.format}
          className="png-item export-item"
          data-format={f.format}
          disabled={busy !== null}
          onClick={() => void save(f.format)}
        >
          <span className="export-label">{f.label}</span>
          <span className="export-hint">{busy === f.format ? describe(progress) : f.hint}</span>
        </button>
      ))}
      <p className="sr-only" aria-live="polite" data-testid="export-progress">
        {busy ? describe(progress) : ''}
      </p>
      {error && (
        <p className="hist-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
