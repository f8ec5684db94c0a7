import { useBoard } from '../app/boardContext';
import { type ActionId, shortcutFor, tooltip } from '../app/shortcuts';
import { useStore } from '../lib/store';
import { Icon, type IconName } from './icons';

export type RunAction = (id: ActionId) => void;

const CREATE: { id: ActionId; icon: IconName }[] = [
  { id: 'sticky', icon: 'sticky' },
  { id: 'text', icon: 'text' },
  { id: 'frame', icon: 'frame' },
  { id: 'grid', icon: 'grid' },
  { id: 'swimlanes', icon: 'swimlanes' },
  { id: 'theme', icon: 'theme' },
  { id: 'connect', icon: 'connect' },
];

export function ToolButton({
  id,
  icon,
  run,
  disabled,
}: {
  id: ActionId;
  icon: IconName;
  run: RunAction;
  disabled?: boolean;
}) {
  const label = shortcutFor(id).label;
  return (
    <button
      type="button"
      className="tool"
      aria-label={label}
      aria-keyshortcuts={shortcutFor(id).keys[0]}
      data-testid={`tool-${id}`}
      data-tooltip={tooltip(id)}
      title={tooltip(id)}
      disabled={disabled}
      onClick={() => run(id)}
    >
      <Icon name={icon} />
    </button>
  );
}

/** Creation tools and history, on the left edge. Observers get none of it. */
export function Toolbar({ run }: { run: RunAction }) {
  const ctx = useBoard();
  const selection = useStore(ctx.selection);
  if (!ctx.canEdit) return null;
  return (
    <div
      className="toolbar"
      data-canvas-overlay
      role="toolbar"
      aria-label="Tools"
      aria-orientation="vertical"
    >
      {CREATE.map((t) => (
        <ToolButton
          key={t.id}
          id={t.id}
          icon={t.icon}
          run={run}
          disabled={t.id === 'connect' && selection.size !== 2}
        />
      ))}
      <div className="toolbar-sep" />
      <ToolButton id="undo" icon="undo" run={run} />
      <ToolButton id="redo" icon="redo" run={run} />
    </div>
  );
}
