import { describe, expect, it } from 'vitest';
import { commandFor, DOUBLE_PRESS_MS, parseChord, SHORTCUTS, type KeyChord, type KeyCommand, type KeyMode } from '../../../src/ui/keymap';

const press = (key: string, mods: Partial<KeyChord> = {}): KeyChord => ({ key, shift: false, ctrl: false, meta: false, alt: false, ...mods });
const inMode = (mode: KeyMode, msSinceD: number | null = null) => ({ mode, msSinceD });

describe('commandFor in command mode', () => {
  const command = inMode('command');

  it('edits the cell on Enter', () => {
    expect(commandFor(press('Enter'), command)).toBe('edit');
  });

  it('runs and advances on Shift+Enter, runs in place on Ctrl+Enter or Cmd+Enter', () => {
    expect(commandFor(press('Enter', { shift: true }), command)).toBe('run-and-advance');
    expect(commandFor(press('Enter', { ctrl: true }), command)).toBe('run');
    expect(commandFor(press('Enter', { meta: true }), command)).toBe('run');
  });

  it('moves the selection with the arrows and with j/k', () => {
    expect([press('ArrowUp'), press('k')].map((c) => commandFor(c, command))).toEqual(['select-previous', 'select-previous']);
    expect([press('ArrowDown'), press('j')].map((c) => commandFor(c, command))).toEqual(['select-next', 'select-next']);
  });

  it('adds a cell above with a and below with b', () => {
    expect(commandFor(press('a'), command)).toBe('add-above');
    expect(commandFor(press('b'), command)).toBe('add-below');
  });

  it('opens the help on ? (typed with Shift) and on h', () => {
    expect(commandFor(press('?', { shift: true }), command)).toBe('help');
    expect(commandFor(press('h'), command)).toBe('help');
  });

  it('ignores letters typed with Shift, Ctrl, Cmd or Alt', () => {
    for (const mods of [{ shift: true }, { ctrl: true }, { meta: true }, { alt: true }]) {
      expect(commandFor(press(mods.shift ? 'A' : 'a', mods), command)).toBeNull();
    }
    expect(commandFor(press('ArrowDown', { alt: true }), command)).toBeNull();
  });

  it('leaves keys it does not know to the browser', () => {
    expect(commandFor(press('x'), command)).toBeNull();
    expect(commandFor(press('Tab'), command)).toBeNull();
    expect(commandFor(press(' '), command)).toBeNull();
  });
});

describe('commandFor: d d deletes', () => {
  it('arms on the first d and deletes on a second within the window', () => {
    expect(commandFor(press('d'), inMode('command'))).toBe('arm-delete');
    expect(commandFor(press('d'), inMode('command', 120))).toBe('delete');
    expect(commandFor(press('d'), inMode('command', DOUBLE_PRESS_MS))).toBe('delete');
  });

  it('only arms again when the second d comes too late', () => {
    expect(commandFor(press('d'), inMode('command', DOUBLE_PRESS_MS + 1))).toBe('arm-delete');
  });

  it('never deletes on an auto-repeated d from a held key', () => {
    expect(commandFor(press('d', { repeat: true }), inMode('command', 30))).toBeNull();
  });

  it('undoes a deletion on z in command mode only, as Jupyter does', () => {
    expect(commandFor(press('z'), inMode('command'))).toBe('undo-delete');
    expect(commandFor(press('z'), inMode('edit'))).toBeNull();
    expect(commandFor(press('z', { ctrl: true }), inMode('command'))).toBeNull();
  });
});

describe('commandFor in edit mode and elsewhere', () => {
  it('leaves edit mode on Esc and nothing else', () => {
    expect(commandFor(press('Escape'), inMode('edit'))).toBe('command-mode');
    for (const key of ['Enter', 'a', 'b', 'd', 'j', 'k', '?', 'ArrowDown']) expect(commandFor(press(key), inMode('edit'))).toBeNull();
  });

  it('leaves Shift+Enter and Ctrl+Enter to the editor', () => {
    expect(commandFor(press('Enter', { shift: true }), inMode('edit'))).toBeNull();
    expect(commandFor(press('Enter', { ctrl: true }), inMode('edit'))).toBeNull();
  });

  it('does nothing for keys typed in other controls', () => {
    for (const key of ['Escape', 'Enter', 'a', 'b', 'd', 'j', 'k', 'h', '?', 'ArrowUp', 'ArrowDown']) {
      expect(commandFor(press(key), inMode('other', 10))).toBeNull();
    }
  });

  it('saves on Ctrl+S or Cmd+S in every mode, but not with Shift or Alt', () => {
    for (const mode of ['edit', 'command', 'other'] as const) {
      expect(commandFor(press('s', { ctrl: true }), inMode(mode))).toBe('save');
      expect(commandFor(press('s', { meta: true }), inMode(mode))).toBe('save');
    }
    expect(commandFor(press('S', { ctrl: true, shift: true }), inMode('command'))).toBeNull();
    expect(commandFor(press('s', { ctrl: true, alt: true }), inMode('command'))).toBeNull();
  });
});

describe('parseChord', () => {
  it('reads modifiers and maps Mod to Ctrl, or to Cmd on a Mac', () => {
    expect(parseChord('Shift+Enter')).toEqual(press('Enter', { shift: true }));
    expect(parseChord('Mod+s')).toEqual(press('s', { ctrl: true }));
    expect(parseChord('Mod+s', true)).toEqual(press('s', { meta: true }));
    expect(parseChord('?')).toEqual(press('?', { shift: true }));
  });
});

describe('SHORTCUTS, the help panel list', () => {
  /** Plays a listed key sequence through commandFor, 100 ms apart, and returns the last command. */
  function play(sequence: string, mode: KeyMode, mac: boolean): KeyCommand | null {
    let sinceD: number | null = null;
    let last: KeyCommand | null = null;
    for (const step of sequence.split(' ')) {
      last = commandFor(parseChord(step, mac), { mode, msSinceD: sinceD });
      sinceD = last === 'arm-delete' ? 100 : null;
    }
    return last;
  }

  it('lists keys that really do what each line says, on every platform', () => {
    const checked: string[] = [];
    for (const group of SHORTCUTS) {
      for (const shortcut of group.shortcuts) {
        for (const keys of shortcut.keys) {
          for (const mac of [false, true]) {
            const expected = shortcut.command ?? null;
            expect(play(keys, group.mode, mac), `${group.mode}: ${keys}`).toBe(expected);
          }
          checked.push(keys);
        }
      }
    }
    expect(checked.length).toBeGreaterThan(12);
  });

  it('lists every command the mapping can produce, except the internal first d', () => {
    const listed = new Set(SHORTCUTS.flatMap((g) => g.shortcuts.map((s) => s.command)));
    const all: KeyCommand[] = [
      'save',
      'command-mode',
      'edit',
      'select-previous',
      'select-next',
      'add-above',
      'add-below',
      'delete',
      'undo-delete',
      'run-and-advance',
      'run',
      'help',
    ];
    expect(all.filter((c) => !listed.has(c))).toEqual([]);
  });
});
