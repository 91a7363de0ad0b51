// Bundles bin/cli.ts (the entry) and everything it imports into one minified file:
// a bundle reaches the first frame in ~150 ms, unbundled ESM in ~390 ms.
// Also used by the tests and the benchmark to bundle their helper scripts
// exactly the way the product is bundled.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
const STUBS = {
  'signal-exit-assert': "module.exports = { equal(actual, expected, message) { if (actual != expected) throw new Error(message); } };",
  'ink-devtools': 'export {};',
  'is-in-ci': 'export default false;',
  typescript: "throw new Error('TypeScript config files are not supported');",
  'graceful-fs': "module.exports = require('node:fs');",
};
const stubs = {
  name: 'stubs',
  setup(build) {
    build.onResolve({ filter: /^(is-in-ci|typescript|graceful-fs)$/ }, (args) => ({ path: args.path, namespace: 'stub' }));
    build.onResolve({ filter: /^assert$/ }, (args) => (/[\\/]signal-exit$/.test(args.resolveDir) ? { path: 'signal-exit-assert', namespace: 'stub' } : undefined));
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
 * Bundles `entry` (relative to the repository) into `outfile`, ESM for Node 20.
 * With `split`, what is only imported with import() (the Ink UI: 380 KB of
 * the 670) goes to chunks/ next to it: V8 parses it only when the dashboard
 * loads it, after the first frame is on the screen, and the subcommands
 * never do.
 */
export async function bundle(entry, outfile, { minify = true, split = false } = {}) {
  const problem = unpatched();
  if (problem !== undefined) throw new Error(problem);
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
    plugins: [stubs],
    // CommonJS dependencies call require() and read __filename
    // (proper-lockfile, cosmiconfig): give them both.
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
export async function buildProduct() {
  await bundle('bin/cli.ts', 'dist/cli.js', { split: true });
  // The launcher's first tmux call, started before dist/cli.js loads (src/cli/early.ts).
  await bundle('src/cli/early.ts', 'dist/early.js');
  return 'dist/cli.js';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const problem = unpatched();
  if (problem !== undefined) {
    console.error(`build.mjs: ${problem}`);
    process.exit(1);
  }
  await buildProduct();
}
