import { SHORTCUTS } from '../app/shortcuts';
import { Modal } from './Modal';

export function HelpDialog({ onClose, canEdit }: { onClose: () => void; canEdit: boolean }) {
  const groups = ['Create', 'Edit', 'View'] as const;
  return (
    <Modal
      title="Keyboard shortcuts"
      className="help"
      testId="help-dialog"
      closeLabel="Close"
      onClose={onClose}
    >
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
    </Modal>
  );
}
