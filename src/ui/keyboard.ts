/**
 * Jupyter-style keyboard control of a notebook: edit mode (typing in a cell's editor) and command
 * mode (a cell is selected and single keys act on it). The key mapping itself is `commandFor` in
 * keymap.ts; this controller reads focus, keeps the selection and calls the notebook's actions.
 */
import { showShortcuts } from './fb-shortcuts';
import type { KeyboardActions } from './keyboard-actions';
import { commandFor, type KeyChord, type KeyCommand, type KeyMode } from './keymap';
import './keyboard.css';

export { commandFor, DOUBLE_PRESS_MS, SHORTCUTS, type KeyChord, type KeyCommand, type KeyMode } from './keymap';

/** Controls a cell's editor, its buttons, outputs and widgets — clicks there are not selection. */
const INTERACTIVE = 'a, button, input, select, textarea, label, summary, [contenteditable], [tabindex]:not(fb-cell), .cm-editor';

/**
 * Lets the keyboard drive the notebook inside `host`: Esc leaves a cell's editor for command mode,
 * where arrows/j/k move, a/b add, d d deletes, z brings a deleted cell back, Enter edits, Shift+Enter runs and moves on, ? shows
 * the shortcuts; Ctrl/Cmd+S saves in both modes. Returns a function that detaches it.
 */
export function attachKeyboard(host: HTMLElement, actions: KeyboardActions): () => void {
  const controller = new KeyboardController(host, actions);
  return () => controller.detach();
}

/** Reads the modifiers and key of a keyboard event. */
export function chordOf(event: KeyboardEvent): KeyChord {
  return { key: event.key, shift: event.shiftKey, ctrl: event.ctrlKey, meta: event.metaKey, alt: event.altKey, repeat: event.repeat };
}

/** Edit mode in a cell's code, command mode on a cell itself, anything else is left alone. */
export function modeOf(target: EventTarget | null): KeyMode {
  if (!(target instanceof Element)) return 'other';
  if (target.localName === 'fb-cell') return 'command';
  return target.closest('.cm-content') && target.closest('fb-cell') ? 'edit' : 'other';
}

class KeyboardController {
  private selected: string | null = null;
  private lastD: number | null = null;
  private readonly observer: MutationObserver;

  constructor(
    private readonly host: HTMLElement,
    private readonly actions: KeyboardActions,
  ) {
    host.addEventListener('keydown', this.onKeyDown);
    host.addEventListener('focusin', this.onFocusIn);
    host.addEventListener('click', this.onClick);
    // The notebook reuses cell elements when cells are added or removed, so the selection mark
    // follows the cell id, not the element it was first put on.
    this.observer = new MutationObserver(() => this.markSelection());
    this.observer.observe(host, { subtree: true, attributes: true, attributeFilter: ['data-cell-id'] });
  }

  detach(): void {
    this.host.removeEventListener('keydown', this.onKeyDown);
    this.host.removeEventListener('focusin', this.onFocusIn);
    this.host.removeEventListener('click', this.onClick);
    this.observer.disconnect();
    this.selected = null;
    this.markSelection();
  }

  // Bubble phase on purpose: CodeMirror handles its keys (Esc closing autocomplete or collapsing
  // a selection) on the editor first and marks them handled with preventDefault.
  private onKeyDown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.isComposing) return;
    const mode = modeOf(event.target);
    const chord = chordOf(event);
    const command = commandFor(chord, { mode, msSinceD: this.lastD === null ? null : event.timeStamp - this.lastD });
    if (!['Shift', 'Control', 'Meta', 'Alt'].includes(chord.key)) this.lastD = command === 'arm-delete' ? event.timeStamp : null;
    if (!command) return;
    event.preventDefault();
    const cell = (event.target as Element).closest('fb-cell');
    const id = cell instanceof HTMLElement ? this.idOf(cell) : null;
    this.run(command, id);
  };

  private run(command: KeyCommand, id: string | null): void {
    if (command === 'save') return this.actions.save();
    if (command === 'help') return void showShortcuts();
    if (command === 'undo-delete') {
      const restored = this.actions.undoDelete();
      if (restored) this.selectLater(restored);
      return;
    }
    if (!id) return;
    const ids = this.actions.cellIds();
    const index = ids.indexOf(id);
    switch (command) {
      case 'command-mode':
        return this.select(id);
      case 'edit':
        return this.actions.editCell(id);
      case 'select-previous':
        return this.select(ids[Math.max(0, index - 1)] ?? id);
      case 'select-next':
        return this.select(ids[Math.min(ids.length - 1, index + 1)] ?? id);
      case 'add-above':
      case 'add-below':
        return this.selectLater(this.actions.addCell(id, command === 'add-above' ? 'above' : 'below'));
      case 'delete': {
        const next = ids[index + 1] ?? ids[index - 1] ?? null;
        this.actions.deleteCell(id);
        if (next) this.selectLater(next);
        return;
      }
      case 'run-and-advance': {
        // From command mode Jupyter stays in command mode: the next cell is selected, not edited.
        const next = this.actions.runCell(id, true);
        return this.selectLater(next ?? id);
      }
      case 'run':
        return void this.actions.runCell(id, false);
      case 'arm-delete':
        return;
    }
  }

  private onFocusIn = (event: FocusEvent): void => {
    const cell = event.target instanceof Element ? event.target.closest('fb-cell') : null;
    const id = cell instanceof HTMLElement ? this.idOf(cell) : null;
    if (id && id !== this.selected) {
      this.selected = id;
      this.markSelection();
    }
  };

  private onClick = (event: MouseEvent): void => {
    const target = event.target instanceof Element ? event.target : null;
    const cell = target?.closest('fb-cell');
    const control = target?.closest(INTERACTIVE);
    if (!(cell instanceof HTMLElement) || (control && cell.contains(control))) return;
    const id = this.idOf(cell);
    if (id) this.select(id);
  };

  /** Selects a cell in command mode: marks it, focuses it and scrolls it into view. */
  private select(id: string): void {
    this.selected = id;
    this.markSelection();
    const element = this.actions.cellElement(id);
    if (!element) return;
    element.tabIndex = -1;
    element.focus({ preventScroll: true });
    element.scrollIntoView({ block: 'nearest' });
  }

  /** Selects a cell once the notebook has rendered it (after an add, a delete or a run). */
  private selectLater(id: string): void {
    this.selected = id;
    const rendered = (this.host as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete ?? Promise.resolve();
    void rendered.then(() =>
      requestAnimationFrame(() => {
        if (this.selected === id) this.select(id);
      }),
    );
  }

  private markSelection(): void {
    for (const cell of this.host.querySelectorAll<HTMLElement>('fb-cell[data-selected]')) {
      if (cell.dataset.cellId === this.selected) continue;
      delete cell.dataset.selected;
      cell.removeAttribute('aria-current');
    }
    const element = this.selected ? this.actions.cellElement(this.selected) : null;
    if (element && element.dataset.cellId === this.selected && element.dataset.selected === undefined) {
      element.dataset.selected = '';
      element.setAttribute('aria-current', 'true');
    }
  }

  private idOf(cell: HTMLElement): string | null {
    return cell.dataset.cellId ?? this.actions.cellIds().find((id) => this.actions.cellElement(id) === cell) ?? null;
  }
}
