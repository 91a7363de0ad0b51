import { build } from 'esbuild';
import path from 'node:path';
import { REPO_ROOT, tempDir } from './tmux-server.js';

const cache = new Map<string, Promise<string>>();

/**
 * Bundles a TypeScript helper into a plain .mjs file, so tests can run the
 * real modules in real, separate processes (Node 20 cannot run .ts itself).
 */
export function bundleScript(relativeEntry: string): Promise<string> {
  let built = cache.get(relativeEntry);
  if (built === undefined) {
    const outfile = path.join(tempDir('tmux-dashboard-bundle-'), `${path.basename(relativeEntry, '.ts')}.mjs`);
    built = build({
      entryPoints: [path.join(REPO_ROOT, relativeEntry)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'error',
    }).then(() => outfile);
    cache.set(relativeEntry, built);
  }
  return built;
}
