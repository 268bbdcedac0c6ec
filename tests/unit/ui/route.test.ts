import { describe, expect, it } from 'vitest';
import { parseRoute } from '../../../src/ui/route';

describe('parseRoute', () => {
  it('reads notebook, imported and section addresses, decoding the id', () => {
    expect(parseRoute('#/notebook/fraud-detection/costs')).toEqual({ page: 'notebook', id: 'fraud-detection', section: 'costs', imported: false });
    expect(parseRoute('#/imported/my%20notes')).toEqual({ page: 'notebook', id: 'my notes', section: undefined, imported: true });
  });

  it('reads the glossary address, with a term to land on', () => {
    expect(parseRoute('#/glossary')).toEqual({ page: 'glossary', term: '' });
    expect(parseRoute('#/glossary/term-epoch')).toEqual({ page: 'glossary', term: 'term-epoch' });
  });

  it('sends anything else home', () => {
    for (const hash of ['', '#', '#/', '#/elsewhere']) expect(parseRoute(hash)).toEqual({ page: 'home' });
  });

  it('turns a malformed percent-escape into a bad-address page instead of throwing', () => {
    const route = parseRoute('#/notebook/%E0%A4%A');
    expect(route.page).toBe('bad-address');
    expect(route.page === 'bad-address' && route.message).toContain('damaged');
  });
});
