// Bundles src/cli.ts and everything it imports into one minified file:
// a bundle reaches the first frame in ~150 ms, unbundled ESM in ~390 ms (DESIGN §6).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

// Ink loads react-devtools-core only when DEV=true; the bundle replaces it
// with an empty module so nothing outside dist/ is ever imported.
const noDevtools = {
  name: 'no-react-devtools',
  setup(build) {
    build.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
    build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default { connectToDevTools() {} };', loader: 'js' }));
  },
};

await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  define: {
    'process.env.NODE_ENV': '"production"',
    __TMUX_DASHBOARD_VERSION__: JSON.stringify(version),
  },
  plugins: [noDevtools],
  // CommonJS dependencies (proper-lockfile, cosmiconfig) call require().
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
