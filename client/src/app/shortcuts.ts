/**
 * Every keyboard shortcut, in one table: the key handler, the help dialog and the tooltips all
 * read it, so they cannot disagree.
 */
export type ActionId =
  | 'sticky'
  | 'text'
  | 'frame'
  | 'grid'
  | 'swimlanes'
  | 'theme'
  | 'connect'
  | 'delete'
  | 'duplicate'
  | 'front'
  | 'back'
  | 'undo'
  | 'redo'
  | 'selectAll'
  | 'deselect'
  | 'edit'
  | 'zoomIn'
  | 'zoomOut'
  | 'zoomFit'
  | 'zoomSelection'
  | 'zoomReset'
  | 'outline'
  | 'help'
  | 'groupTheme'
  | 'mergeTheme'
  | 'suggestSimilar'
  | 'parkingLot';

export interface Shortcut {
  id: ActionId;
  label: string;
  /** Shown to the user, e.g. "Ctrl+D". */
  keys: string[];
  /** Needs edit rights. */
  edit: boolean;
  group: 'Create' | 'Edit' | 'View';
}

interface Combo {
  key: string;
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
}

const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

const TABLE: (Shortcut & { combos: Combo[] })[] = [
  { id: 'sticky', label: 'Sticky note', keys: ['N'], combos: [{ key: 'n' }], edit: true, group: 'Create' },
  { id: 'text', label: 'Text', keys: ['T'], combos: [{ key: 't' }], edit: true, group: 'Create' },
  { id: 'frame', label: 'Frame', keys: ['F'], combos: [{ key: 'f' }], edit: true, group: 'Create' },
  { id: 'grid', label: 'Grid', keys: ['G'], combos: [{ key: 'g' }], edit: true, group: 'Create' },
  { id: 'swimlanes', label: 'Swimlanes', keys: ['L'], combos: [{ key: 'l' }], edit: true, group: 'Create' },
  { id: 'theme', label: 'Theme', keys: ['M'], combos: [{ key: 'm' }], edit: true, group: 'Create' },
  {
    id: 'connect',
    label: 'Connect two selected',
    keys: ['C'],
    combos: [{ key: 'c' }],
    edit: true,
    group: 'Create',
  },
  {
    id: 'edit',
    label: 'Edit text of selection',
    keys: ['Enter'],
    combos: [{ key: 'enter' }],
    edit: true,
    group: 'Edit',
  },
  {
    id: 'delete',
    label: 'Delete',
    keys: ['Delete', 'Backspace'],
    combos: [{ key: 'delete' }, { key: 'backspace' }],
    edit: true,
    group: 'Edit',
  },
  {
    id: 'duplicate',
    label: 'Duplicate',
    keys: [`${MOD}+D`],
    combos: [{ key: 'd', mod: true }],
    edit: true,
    group: 'Edit',
  },
  {
    id: 'groupTheme',
    label: 'Group selected cards as a theme (split out of theirs)',
    keys: ['Shift+G'],
    combos: [{ key: 'g', shift: true }],
    edit: true,
    group: 'Edit',
  },
  {
    id: 'mergeTheme',
    label: 'Merge selected theme into…',
    keys: ['Shift+M'],
    combos: [{ key: 'm', shift: true }],
    edit: true,
    group: 'Edit',
  },
  {
    id: 'suggestSimilar',
    label: 'Suggest cards similar to a theme',
    keys: ['Shift+S'],
    combos: [{ key: 's', shift: true }],
    edit: true,
    group: 'Edit',
  },
  {
    id: 'parkingLot',
    label: 'Move selected cards to the parking lot',
    keys: ['Shift+P'],
    combos: [{ key: 'p', shift: true }],
    edit: true,
    group: 'Edit',
  },
  { id: 'front', label: 'Bring to front', keys: [']'], combos: [{ key: ']' }], edit: true, group: 'Edit' },
  { id: 'back', label: 'Send to back', keys: ['['], combos: [{ key: '[' }], edit: true, group: 'Edit' },
  {
    id: 'undo',
    label: 'Undo',
    keys: [`${MOD}+Z`],
    combos: [{ key: 'z', mod: true }],
    edit: true,
    group: 'Edit',
  },
  {
    id: 'redo',
    label: 'Redo',
    keys: [`${MOD}+Shift+Z`, `${MOD}+Y`],
    combos: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
    edit: true,
    group: 'Edit',
  },
  {
    id: 'selectAll',
    label: 'Select all',
    keys: [`${MOD}+A`],
    combos: [{ key: 'a', mod: true }],
    edit: false,
    group: 'Edit',
  },
  {
    id: 'deselect',
    label: 'Clear selection',
    keys: ['Esc'],
    combos: [{ key: 'escape' }],
    edit: false,
    group: 'Edit',
  },
  {
    id: 'zoomIn',
    label: 'Zoom in',
    keys: ['+'],
    combos: [{ key: '+' }, { key: '=' }, { key: '+', shift: true }],
    edit: false,
    group: 'View',
  },
  { id: 'zoomOut', label: 'Zoom out', keys: ['-'], combos: [{ key: '-' }], edit: false, group: 'View' },
  {
    id: 'zoomFit',
    label: 'Zoom to fit',
    keys: ['Shift+1'],
    combos: [
      { key: '1', shift: true },
      { key: '!', shift: true },
    ],
    edit: false,
    group: 'View',
  },
  {
    id: 'zoomSelection',
    label: 'Zoom to selection',
    keys: ['Shift+2'],
    combos: [
      { key: '2', shift: true },
      { key: '@', shift: true },
      { key: '"', shift: true },
    ],
    edit: false,
    group: 'View',
  },
  {
    id: 'zoomReset',
    label: 'Zoom to 100%',
    keys: ['Shift+0'],
    combos: [
      { key: '0', shift: true },
      { key: ')', shift: true },
      { key: '=', shift: true },
    ],
    edit: false,
    group: 'View',
  },
  { id: 'outline', label: 'Outline panel', keys: ['O'], combos: [{ key: 'o' }], edit: false, group: 'View' },
  {
    id: 'help',
    label: 'Keyboard shortcuts',
    keys: ['?'],
    combos: [{ key: '?', shift: true }, { key: '?' }],
    edit: false,
    group: 'View',
  },
];

export const SHORTCUTS: readonly Shortcut[] = TABLE;

export function shortcutFor(id: ActionId): Shortcut {
  return TABLE.find((s) => s.id === id) as Shortcut;
}

/** "Sticky note (N)" — for tooltips. */
export function tooltip(id: ActionId): string {
  const s = shortcutFor(id);
  return `${s.label} (${s.keys[0]})`;
}

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** The action a key press means, if any. */
export function matchShortcut(e: KeyLike): ActionId | null {
  const key = e.key.toLowerCase();
  const mod = e.ctrlKey || e.metaKey;
  for (const s of TABLE) {
    for (const c of s.combos) {
      if (c.key !== key) continue;
      if (!!c.mod !== mod || !!c.alt !== e.altKey) continue;
      // Symbols like "?" and "+" need shift on most layouts; accept them either way unless the
      // combo says otherwise for a letter or digit.
      if (/^[a-z0-9]$/.test(c.key) && !!c.shift !== e.shiftKey) continue;
      if (c.shift && !e.shiftKey) continue;
      return s.id;
    }
  }
  return null;
}
