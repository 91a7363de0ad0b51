// Bundles bin/cli.ts (the entry) and everything it imports into one minified file:
// a bundle reaches the first frame in ~150 ms, unbundled ESM in ~390 ms (and
// with the launcher's code cache in ~110).
// Also used by the tests and the benchmark to bundle their helper scripts
// exactly the way the product is bundled.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
// - graceful-fs: proper-lockfile's default file system. It queues and
//   retries opens when a process runs out of file descriptors, which a
//   dashboard holding a handful never does; loading it clones and patches
//   `fs` and makes Node load its streams, on the way to the first frame.
//   Node's own fs takes its place.
// - assert, for signal-exit only (proper-lockfile's exit hook): it checks one
//   argument with assert.equal, and loading Node's assert (with its error
//   formatting and colours) costs ~5 ms on the way to the first frame. The
//   stub makes the same check.
// - crypto and fs/promises, for cosmiconfig only: its modules require both
//   when they load (for loaders this product never calls: TypeScript
//   configs and its own explorer's reads), which with a config file cost
//   ~6 ms of every start (node:crypto's modules, fs/promises with
//   readline). The stub loads the real module at the first property read.
const STUBS = {
  'signal-exit-assert': "module.exports = { equal(actual, expected, message) { if (actual != expected) throw new Error(message); } };",
  'ink-devtools': 'export {};',
  'is-in-ci': 'export default false;',
  typescript: "throw new Error('TypeScript config files are not supported');",
  'graceful-fs': "module.exports = require('node:fs');",
  // __esModule is read when the module is required (TypeScript's
  // __importDefault): answered without loading anything.
  'lazy-crypto': "module.exports = new Proxy({}, { get: (_, key) => (key === '__esModule' ? undefined : require('node:crypto')[key]) });",
  'lazy-fs-promises': "module.exports = new Proxy({}, { get: (_, key) => (key === '__esModule' ? undefined : require('node:fs').promises[key]) });",
};
const stubs = {
  name: 'stubs',
  setup(build) {
    build.onResolve({ filter: /^(is-in-ci|typescript|graceful-fs)$/ }, (args) => ({ path: args.path, namespace: 'stub' }));
    build.onResolve({ filter: /^assert$/ }, (args) => (/[\\/]signal-exit$/.test(args.resolveDir) ? { path: 'signal-exit-assert', namespace: 'stub' } : undefined));
    build.onResolve({ filter: /^(crypto|fs\/promises)$/ }, (args) => (/[\\/]cosmiconfig[\\/]dist$/.test(args.resolveDir) ? { path: args.path === 'crypto' ? 'lazy-crypto' : 'lazy-fs-promises', namespace: 'stub' } : undefined));
    build.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) => (/[\\/]ink[\\/]build$/.test(args.resolveDir) ? { path: 'ink-devtools', namespace: 'stub' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({ contents: STUBS[args.path], loader: 'js' }));
  },
};

// Two dependencies are changed in node_modules by the patches in patches/,
// which `prepare` applies (so `npm ci` does) before it builds: Ink's output
// caches outlive a frame, and yoga-layout decodes its WebAssembly without
// fetch(). The README says why each exists. A bundle of unpatched code works
// but starts and draws slower, which no one would notice: so the build
// refuses to run unless every hunk of every patch is in node_modules (its
// context and added lines, in order). Reading the patches themselves keeps
// this check right when a patch is redone for a new version.
const PATCHES = path.join(root, 'patches');
function missingPatches() {
  const missing = [];
  for (const name of readdirSync(PATCHES).filter((file) => file.endsWith('.patch')).sort()) {
    const lines = readFileSync(path.join(PATCHES, name), 'utf8').split('\n');
    let file = '';
    for (let i = 0; i < lines.length; i++) {
      if (lines[i].startsWith('+++ b/')) file = lines[i].slice('+++ b/'.length);
      const header = /^@@ -\d+(?:,\d+)? \+\d+(?:,(\d+))? @@/.exec(lines[i]);
      if (header === null) continue;
      // The hunk as it reads once applied: its context and added lines.
      const applied = [];
      for (let left = Number(header[1] ?? 1); left > 0 && i + 1 < lines.length; ) {
        const line = lines[++i];
        if (line.startsWith('-') || line.startsWith('\\')) continue;
        applied.push(line.slice(1));
        left--;
      }
      const target = path.join(root, file);
      if (!existsSync(target) || !readFileSync(target, 'utf8').includes(applied.join('\n'))) missing.push(`${file} (patches/${name})`);
    }
  }
  return [...new Set(missing)];
}

function unpatched() {
  const missing = missingPatches();
  return missing.length === 0
    ? undefined
    : `not built: node_modules lacks what patches/ changes in ${missing.join(', ')}. Run \`npm ci\` (or \`npx patch-package --error-on-fail\`), then build again.`;
}

/**
 * Bundles `entry` (relative to the repository) into `outfile` for Node 20:
 * ESM (the tests' and the bench's helper scripts), or with `format: 'cjs'`
 * CommonJS (what bin/ loads, see buildProduct).
 */
export async function bundle(entry, outfile, { minify = true, format = 'esm' } = {}) {
  const problem = unpatched();
  if (problem !== undefined) throw new Error(problem);
  const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format,
    target: 'node20',
    minify,
    legalComments: 'none',
    // Non-ASCII characters as escapes: the launcher reads dist/cli.cjs as
    // latin1, a byte per character, which costs a copy instead of a decode.
    // esbuild leaves regular expression literals as written, so buildProduct
    // checks the result.
    charset: 'ascii',
    // In CommonJS an import() of a module left outside (node:worker_threads)
    // would need a loader for the launcher's vm.Script: require it instead.
    supported: format === 'cjs' ? { 'dynamic-import': false } : {},
    define: {
      'process.env.NODE_ENV': '"production"',
      __TMUX_DASHBOARD_VERSION__: JSON.stringify(version),
    },
    plugins: [stubs],
    // CommonJS dependencies call require() and read __filename
    // (proper-lockfile, cosmiconfig): an ES module gives them both.
    banner:
      format === 'esm'
        ? {
            js: [
              "import { createRequire as __tdCreateRequire } from 'node:module';",
              "import { fileURLToPath as __tdFileURLToPath } from 'node:url';",
              'const require = __tdCreateRequire(import.meta.url);',
              'const __filename = __tdFileURLToPath(import.meta.url);',
            ].join(' '),
          }
        : undefined,
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * What bin/tmux-dashboard.cjs loads.
 *
 * dist/cli.cjs: the CLI and the UI in one CommonJS file, as one function
 * expression that the launcher compiles with vm.Script and V8's code cache
 * (README, "Start-up, and what it costs"): a start then compiles nothing it
 * compiled before, the functions it ran included, which Node's ES module
 * loader cannot offer on Node 20 and on 22 keeps only for the top level.
 * The UI's modules are evaluated only when the dashboard loads the UI
 * (esbuild keeps import() lazy), so until then they cost a few bytes of the
 * file read. Its first line names the build (a hash of the rest): the
 * launcher keys the cache by it, because V8 checks only that the source has
 * the length it was cached for.
 *
 * dist/early.cjs: the launcher's first tmux call, started before
 * dist/cli.cjs loads (src/cli/early.ts).
 */
export async function buildProduct() {
  rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  const file = path.join(root, 'dist', 'cli.cjs');
  await bundle('bin/cli.ts', file, { format: 'cjs' });
  const code = readFileSync(file, 'latin1');
  const wide = /[\u0080-\uffff]/.exec(code);
  if (wide !== null) throw new Error(`dist/cli.cjs holds a non-ASCII character at ${wide.index}: the launcher reads it as latin1`);
  const wrapped = `(function (exports, require, module, __filename, __dirname) {\n${code}\n})`;
  const id = createHash('sha256').update(wrapped).digest('hex');
  writeFileSync(file, `// tmux-dashboard build ${id}\n${wrapped}`);
  await bundle('src/cli/early.ts', path.join(root, 'dist', 'early.cjs'), { format: 'cjs' });
  return file;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const problem = unpatched();
  if (problem !== undefined) {
    console.error(`build.mjs: ${problem}`);
    process.exit(1);
  }
  await buildProduct();
}
