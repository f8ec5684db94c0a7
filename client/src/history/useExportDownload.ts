/**
 * Downloading one of the server's exports as a file, with its progress and what went wrong: the
 * export menu's items and the workshop panel's "Download the record (PDF)" both save this way.
 */
import { useState } from 'react';
import { type BoardContextValue, useBoard } from '../app/boardContext';
import { type ExportFormat, fetchExport, type Progress } from './exportFiles';
import { download } from './exportPng';

/** What a download in progress shows: "Preparing…", then a percentage or the kilobytes so far. */
export function describeProgress(p: Progress | null): string {
  if (!p || p.received === 0) return 'Preparing…';
  const kb = Math.max(1, Math.round(p.received / 1024));
  return p.total ? `${Math.round((100 * p.received) / p.total)}%` : `${kb} KB…`;
}

/** The board's token of this session: every role may export (the server's export routes). */
export function boardToken(ctx: Pick<BoardContextValue, 'session'>): string {
  return String(ctx.session.provider.params.token ?? '');
}

export function useExportDownload(token: string) {
  const ctx = useBoard();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);

  /** Fetches the export and hands it to the browser as a download; returns whether it did. */
  const save = async (format: ExportFormat): Promise<boolean> => {
    setBusy(format);
    setProgress(null);
    setError(null);
    try {
      const { blob, name } = await fetchExport(ctx.session.boardId, token, format, setProgress);
      const url = URL.createObjectURL(blob);
      download(url, name);
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return true;
    } catch (e) {
      setError(`The export failed: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    } finally {
      setBusy(null);
    }
  };

  return { busy, progress, error, save };
}
