import { useEffect, useRef } from 'react';
import { SHORTCUTS } from '../app/shortcuts';
import { Icon } from './icons';

export function HelpDialog({ onClose, canEdit }: { onClose: () => void; canEdit: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    return () => prev?.focus?.();
  }, []);
  const groups = ['Create', 'Edit', 'View'] as const;
  return (
    <div className="modal-backdrop">
      <div
        ref={ref}
        className="modal help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        tabIndex={-1}
        data-testid="help-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <div className="modal-head">
          <h2 id="help-title">Keyboard shortcuts</h2>
          <button type="button" className="tool" aria-label="Close" onClick={onClose}>
            <Icon name="close" />
          </button>
        </div>
        <div className="help-cols">
          {groups.map((g) => (
            <section key={g}>
              <h3>{g}</h3>
              <dl>
                {SHORTCUTS.filter((s) => s.group === g && (canEdit || !s.edit)).map((s) => (
                  <div key={s.id} className="help-row">
                    <dt>{s.label}</dt>
                    <dd>
                      {s.keys.map((k) => (
                        <kbd key={k}>{k}</kbd>
                      ))}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
          <section>
            <h3>Canvas</h3>
            <dl>
              <div className="help-row">
                <dt>Pan</dt>
                <dd>
                  <kbd>Space</kbd>+drag · scroll · middle mouse
                </dd>
              </div>
              <div className="help-row">
                <dt>Zoom</dt>
                <dd>
                  <kbd>Ctrl</kbd>+scroll · pinch
                </dd>
              </div>
              {canEdit && (
                <div className="help-row">
                  <dt>New sticky / edit</dt>
                  <dd>double-click</dd>
                </div>
              )}
              <div className="help-row">
                <dt>Multi-select</dt>
                <dd>
                  <kbd>Shift</kbd>+click · drag a box
                </dd>
              </div>
            </dl>
          </section>
        </div>
      </div>
    </div>
  );
}
