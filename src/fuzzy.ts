import type Fuzzysort from 'fuzzysort';

let loaded: typeof Fuzzysort | undefined;

/**
 * fuzzysort, evaluated at the first fuzzy match instead of at start: its
 * module prepares an empty target when it loads, which compiles a Unicode
 * property regular expression (~1 ms), on the way to every first frame while
 * only the `/` filter and the project picker use it. A plain `require`: the
 * bundle (esbuild) and the tests (vitest) both resolve it; a static import
 * would be evaluated with the modules that import it, at start.
 */
export function fuzzysort(): typeof Fuzzysort {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above: evaluated at the first match
  loaded ??= require('fuzzysort') as typeof Fuzzysort;
  return loaded;
}
