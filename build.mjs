// Bundles src/cli.ts and everything it imports into one minified file:
// a bundle reaches the first frame in ~150 ms, unbundled ESM in ~390 ms (DESIGN §6).
// Also used by the tests and the benchmark to bundle their helper scripts
// exactly the way the product is bundled.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// Modules replaced in the bundle:
// - ink/build/devtools.js: Ink loads it only when DEV=true, and it pulls in
//   react-devtools-core and `ws` (48 KB of parse time on every start);
//   nothing outside dist/ may ever be imported.
// - is-in-ci: with CI=true in the environment Ink stops drawing live frames
//   and prints only the last one on exit. The dashboard runs only on a TTY
//   (the CLI checks), so a CI variable inherited by a user's shell (or a test
//   run) must not blank it.
// - typescript: cosmiconfig's loader for .ts configs requires it (3.5 MB);
//   this product reads no .ts config (README), so it is never needed.
const STUBS = {
  'ink-devtools': 'export {};',
  'is-in-ci': 'export default false;',
  typescript: "throw new Error('TypeScript config files are not supported');",
};
const stubs = {
  name: 'stubs',
  setup(build) {
    build.onResolve({ filter: /^(is-in-ci|typescript)$/ }, (args) => ({ path: args.path, namespace: 'stub' }));
    build.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) => (/[\\/]ink[\\/]build$/.test(args.resolveDir) ? { path: 'ink-devtools', namespace: 'stub' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({ contents: STUBS[args.path], loader: 'js' }));
  },
};

// yoga-layout's Emscripten loader fetch()es its own base64 data: URL when a
// global fetch exists. On Node that first loads undici and costs 25–45 ms of
// every start (measured: importing yoga-layout 50–70 ms, 23 ms without
// fetch); without fetch it decodes the same string directly. The build fails
// if a new yoga-layout no longer has the test, rather than silently slowing.
const YOGA_FETCH_TEST = '"function"!=typeof fetch';
// Ink turns every styled line of every frame back into cells (an ANSI
// tokenizer, a width per character) with caches that live for one frame;
// most lines are the same from one keystroke to the next. One cache for all
// frames, dropped past 3000 entries (a few MB), takes a third off a
// keystroke's render (npm run bench: ~15 → ~10 ms on Node 20).
// Cached cells are only read, never changed, by Ink's Output.get. The build
// fails if a new Ink no longer has the line, rather than silently slowing.
const INK_FRAME_CACHE = '    caches = new OutputCaches();';
const inkFrameCaches = {
  name: 'ink-frame-caches',
  setup(build) {
    build.onLoad({ filter: /[\\/]ink[\\/]build[\\/]output\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(INK_FRAME_CACHE)) throw new Error(`ink-frame-caches: ${args.path} no longer contains ${INK_FRAME_CACHE.trim()}; check Output's caches`);
      const shared = `
let sharedCaches;
function framesCaches() {
  if (sharedCaches === undefined || sharedCaches.styledChars.size + sharedCaches.widths.size + sharedCaches.blockWidths.size > 3000) sharedCaches = new OutputCaches();
  return sharedCaches;
}
`;
      return { contents: source.replace(INK_FRAME_CACHE, '    caches = framesCaches();') + shared, loader: 'js' };
    });
  },
};

const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(build) {
    build.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(YOGA_FETCH_TEST)) throw new Error(`yoga-without-fetch: ${args.path} no longer contains ${YOGA_FETCH_TEST}; check how it loads its wasm`);
      return { contents: source.replaceAll(YOGA_FETCH_TEST, 'true'), loader: 'js' };
    });
  },
};

/**
 * Bundles `entry` (relative to the repository) into `outfile`, ESM for Node 20.
 * With `split`, what is only imported with import() (the Ink UI: 380 KB of
 * the 670) goes to chunks/ next to it: V8 parses it only when the dashboard
 * loads it, after the first frame is on the screen, and the subcommands
 * never do.
 */
export async function bundle(entry, outfile, { minify = true, split = false } = {}) {
  const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
  const output = split
    ? { outdir: path.dirname(outfile), entryNames: path.basename(outfile, '.js'), chunkNames: 'chunks/[name]-[hash]', splitting: true }
    : { outfile };
  if (split) rmSync(path.join(root, path.dirname(outfile), 'chunks'), { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    ...output,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify,
    legalComments: 'none',
    define: {
      'process.env.NODE_ENV': '"production"',
      __TMUX_DASHBOARD_VERSION__: JSON.stringify(version),
    },
    plugins: [stubs, yogaWithoutFetch, inkFrameCaches],
    // CommonJS dependencies call require() and read __filename
    // (proper-lockfile, cosmiconfig, write-file-atomic): give them both.
    banner: {
      js: [
        "import { createRequire as __tdCreateRequire } from 'node:module';",
        "import { fileURLToPath as __tdFileURLToPath } from 'node:url';",
        'const require = __tdCreateRequire(import.meta.url);',
        'const __filename = __tdFileURLToPath(import.meta.url);',
      ].join(' '),
    },
    logLevel: 'warning',
  });
  return outfile;
}

/** What bin/ loads: dist/cli.js and its chunks. */
export function buildProduct() {
  return bundle('bin/cli.ts', 'dist/cli.js', { split: true });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildProduct();
}
