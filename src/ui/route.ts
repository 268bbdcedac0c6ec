/**
 * The app's addresses, read from the location hash: the home page, a shipped notebook
 * (`#/notebook/<id>[/<section>]`), an imported one (`#/imported/<id>`), the glossary
 * (`#/glossary[/<term id>]`), or an address that cannot
 * be read (a damaged percent-escape), which gets its own page instead of breaking the app.
 */

/** Where the hash points. */
export type Route =
  | { page: 'home' }
  | { page: 'glossary'; term: string }
  | { page: 'notebook'; id: string; section?: string; imported: boolean }
  | { page: 'bad-address'; message: string };

/** Reads a location hash; never throws. */
export function parseRoute(hash: string): Route {
  const glossary = /^#\/glossary(?:\/([\w-]+))?$/.exec(hash);
  if (glossary) return { page: 'glossary', term: glossary[1] ?? '' };
  const match = /^#\/(notebook|imported)\/([^/]+)(?:\/(.+))?$/.exec(hash);
  if (!match) return { page: 'home' };
  try {
    return { page: 'notebook', id: decodeURIComponent(match[2]!), section: match[3], imported: match[1] === 'imported' };
  } catch {
    // decodeURIComponent throws URIError on a malformed escape such as %E0%A4%A.
    return { page: 'bad-address', message: `The address "${hash}" is damaged (it has a broken %-escape), so it names no notebook. Pick one from the list.` };
  }
}
