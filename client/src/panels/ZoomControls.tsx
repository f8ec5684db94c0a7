import { useEffect, useState } from 'react';
import { useBoard } from '../app/boardContext';
import type { RunAction } from './Toolbar';
import { ToolButton } from './Toolbar';

export function ZoomControls({ run }: { run: RunAction }) {
  const { viewport } = useBoard();
  const [scale, setScale] = useState(viewport.get().scale);
  useEffect(() => viewport.subscribe((v) => setScale(v.scale)), [viewport]);
  return (
    <fieldset className="zoom" aria-label="Zoom" data-canvas-overlay>
      <ToolButton id="zoomOut" icon="minus" run={run} />
      <button
        type="button"
        className="zoom-level"
        aria-label={`${Math.round(scale * 100)}%, zoom to 100%`}
        title="Zoom to 100% (Shift+0)"
        data-testid="zoom-level"
        onClick={() => run('zoomReset')}
      >
        {Math.round(scale * 100)}%
      </button>
      <ToolButton id="zoomIn" icon="plus" run={run} />
      <ToolButton id="zoomFit" icon="fit" run={run} />
    </fieldset>
  );
}
