/**
 * The notebook's keyboard shortcuts as plain data: which key does what in which mode (Jupyter's
 * habits), and the list the help panel shows. DOM-free, so it is unit tested under Node.
 */

/** Where keyboard focus is: in a cell's editor, on a selected cell, or anywhere else. */
export type KeyMode = 'edit' | 'command' | 'other';

/** What a key press asks the notebook to do. */
export type KeyCommand =
  | 'save'
  | 'command-mode'
  | 'edit'
  | 'select-previous'
  | 'select-next'
  | 'add-above'
  | 'add-below'
  | 'arm-delete'
  | 'delete'
  | 'undo-delete'
  | 'run-and-advance'
  | 'run'
  | 'help';

/** One key press, with its modifiers (the fields of a KeyboardEvent that matter here). */
export interface KeyChord {
  /** `KeyboardEvent.key`: 'a', 'Enter', 'ArrowUp', '?'… */
  key: string;
  shift: boolean;
  ctrl: boolean;
  meta: boolean;
  alt: boolean;
  /** An auto-repeated press (key held down). */
  repeat?: boolean;
}

/** What the mapping needs to know besides the key. */
export interface KeyState {
  mode: KeyMode;
  /** Milliseconds since `d` was pressed in command mode, or null when it was not the last key. */
  msSinceD: number | null;
}

/** The window within which a second `d` deletes the selected cell. */
export const DOUBLE_PRESS_MS = 800;

/**
 * Maps a key press to a command, or null when the key is not a shortcut there (and must be left
 * to the browser, the editor or the focused control).
 */
export function commandFor(chord: KeyChord, state: KeyState): KeyCommand | null {
  const mod = chord.ctrl || chord.meta;
  // Saving is never wanted as "save this web page", wherever focus is in the notebook.
  if (mod && !chord.alt && !chord.shift && chord.key.toLowerCase() === 's') return 'save';
  if (state.mode === 'edit') return chord.key === 'Escape' && !mod && !chord.alt && !chord.shift ? 'command-mode' : null;
  if (state.mode !== 'command' || chord.alt) return null;
  if (chord.key === 'Enter') {
    if (mod) return chord.shift ? null : 'run';
    return chord.shift ? 'run-and-advance' : 'edit';
  }
  if (mod) return null;
  // `?` is typed with Shift on most layouts, so Shift does not matter for it.
  if (chord.key === '?') return 'help';
  if (chord.shift) return null;
  switch (chord.key) {
    case 'ArrowUp':
    case 'k':
      return 'select-previous';
    case 'ArrowDown':
    case 'j':
      return 'select-next';
    case 'a':
      return 'add-above';
    case 'b':
      return 'add-below';
    case 'h':
      return 'help';
    case 'z':
      return 'undo-delete';
    case 'd':
      // A held-down key must not delete: only a deliberate second press does.
      if (chord.repeat) return null;
      return state.msSinceD !== null && state.msSinceD <= DOUBLE_PRESS_MS ? 'delete' : 'arm-delete';
    default:
      return null;
  }
}

/** One line of the help panel. */
export interface Shortcut {
  /**
   * Alternative ways to type it; each is a space-separated sequence of presses, each press
   * `+`-joined keys (`Mod` is Ctrl, or ⌘ on a Mac): 'Shift+Enter', 'd d'.
   */
  keys: string[];
  /** What it does, in a few words. */
  description: string;
  /** The command it maps to here, or null when the editor itself handles it. */
  command: KeyCommand | null;
}

/** A titled list of shortcuts for one mode. */
export interface ShortcutGroup {
  title: string;
  /** The mode the keys apply in (the help panel says how to get there). */
  mode: Exclude<KeyMode, 'other'>;
  shortcuts: Shortcut[];
}

/** Every shortcut, as the help panel lists them. */
export const SHORTCUTS: readonly ShortcutGroup[] = [
  {
    title: 'Command mode (a cell is selected)',
    mode: 'command',
    shortcuts: [
      { keys: ['Enter'], description: 'Edit the selected cell', command: 'edit' },
      { keys: ['ArrowUp', 'k'], description: 'Select the cell above', command: 'select-previous' },
      { keys: ['ArrowDown', 'j'], description: 'Select the cell below', command: 'select-next' },
      { keys: ['Shift+Enter'], description: 'Run the cell and select the next one', command: 'run-and-advance' },
      { keys: ['Mod+Enter'], description: 'Run the cell and stay on it', command: 'run' },
      { keys: ['a'], description: 'Add a code cell above', command: 'add-above' },
      { keys: ['b'], description: 'Add a code cell below', command: 'add-below' },
      { keys: ['d d'], description: 'Delete the cell (press d twice)', command: 'delete' },
      { keys: ['z'], description: 'Bring back the last deleted cell', command: 'undo-delete' },
      { keys: ['?', 'h'], description: 'Show these shortcuts', command: 'help' },
      { keys: ['Mod+s'], description: 'Save now and offer the export', command: 'save' },
    ],
  },
  {
    title: 'Edit mode (typing in a cell)',
    mode: 'edit',
    shortcuts: [
      { keys: ['Escape'], description: 'Leave the editor and select the cell', command: 'command-mode' },
      { keys: ['Shift+Enter'], description: 'Run the cell and edit the next one', command: null },
      { keys: ['Mod+Enter'], description: 'Run the cell and keep editing', command: null },
      { keys: ['Mod+s'], description: 'Save now and offer the export', command: 'save' },
    ],
  },
];

/** Parses one press of a shortcut's notation ('Shift+Enter', 'Mod+s', '?') into a chord. */
export function parseChord(press: string, mac = false): KeyChord {
  const parts = press === '+' ? ['+'] : press.split('+');
  const key = parts.pop() ?? '';
  const has = (name: string) => parts.includes(name);
  return {
    key,
    shift: has('Shift') || key === '?',
    ctrl: has('Ctrl') || (has('Mod') && !mac),
    meta: has('Meta') || (has('Mod') && mac),
    alt: has('Alt'),
  };
}
