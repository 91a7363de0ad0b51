// Bundles src/cli.ts and everything it imports into one minified file:
// a bundle reaches the first frame in ~150 ms, unbundled ESM in ~390 ms (DESIGN §6).
// Also used by the tests and the benchmark to bundle their helper scripts
// exactly the way the product is bundled.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// Modules replaced in the bundle:
// - react-devtools-core: Ink loads it only when DEV=true; nothing outside
//   dist/ may ever be imported.
// - is-in-ci: with CI=true in the environment Ink stops drawing live frames
//   and prints only the last one on exit. The dashboard runs only on a TTY
//   (the CLI checks), so a CI variable inherited by a user's shell (or a test
//   run) must not blank it.
// - typescript: cosmiconfig's loader for .ts configs requires it (3.5 MB);
//   this product reads no .ts config (README), so it is never needed.
const STUBS = {
  'react-devtools-core': 'export default { connectToDevTools() {} };',
  'is-in-ci': 'export default false;',
  typescript: "throw new Error('TypeScript config files are not supported');",
};
const stubs = {
  name: 'stubs',
  setup(build) {
    build.onResolve({ filter: /^(react-devtools-core|is-in-ci|typescript)$/ }, (args) => ({ path: args.path, namespace: 'stub' }));
    build.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({ contents: STUBS[args.path], loader: 'js' }));
  },
};

/** Bundles `entry` (relative to the repository) into one ESM file for Node 20. */
export async function bundle(entry, outfile, { minify = true } = {}) {
  const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
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

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await bundle('src/cli.ts', 'dist/cli.js');
}
