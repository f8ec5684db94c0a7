/** Export menu: the PDF workshop record and the cards as data, made on the server. */
import { Icon } from '../panels/icons';
import { EXPORT_FORMATS, type ExportFormat } from './exportFiles';
import { describeProgress as describe, useExportDownload } from './useExportDownload';

export function ExportMenu({ token, onClose }: { token: string; onClose: () => void }) {
  const { busy, progress, error, save: download } = useExportDownload(token);
  const save = async (format: ExportFormat) => {
    if (await download(format)) onClose();
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
