import { describe, expect, it } from 'vitest';
import { isWidgetOf, parseWidgetKey, widgetKey } from '../../../src/notebook/widget-key';

describe('widget keys', () => {
  it('builds `<cellId>#<n>` and reads it back', () => {
    expect(widgetKey('threshold-slider', 2)).toBe('threshold-slider#2');
    expect(parseWidgetKey('threshold-slider#2')).toEqual({ cellId: 'threshold-slider', n: 2 });
  });

  it('reads ids that look like object members as plain ids', () => {
    expect(parseWidgetKey(widgetKey('constructor', 1))).toEqual({ cellId: 'constructor', n: 1 });
  });

  it('refuses strings that are not widget keys', () => {
    for (const bad of ['', 'cell', '#1', 'cell#', 'cell#0', 'cell#1.5', 'cell#x']) expect(parseWidgetKey(bad), bad).toBeNull();
  });

  it('tells a cell its own widgets apart from a cell whose id it prefixes', () => {
    expect(isWidgetOf('a#1', 'a')).toBe(true);
    expect(isWidgetOf('ab#1', 'a')).toBe(false);
    expect(isWidgetOf('a#1', 'ab')).toBe(false);
  });
});
