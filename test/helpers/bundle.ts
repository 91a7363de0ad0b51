import path from 'node:path';
import { bundle } from '../../build.mjs';
import { tempDir } from './tmux-server.js';

const cache = new Map<string, Promise<string>>();

/**
 * Bundles a TypeScript helper into a plain .mjs file the way the product is
 * bundled, so tests run the real modules in real, separate processes (Node 20
 * cannot run .ts itself).
 */
export function bundleScript(relativeEntry: string): Promise<string> {
  let built = cache.get(relativeEntry);
  if (built === undefined) {
    const outfile = path.join(tempDir('tmux-dashboard-bundle-'), `${path.basename(relativeEntry, '.ts')}.mjs`);
    built = bundle(relativeEntry, outfile, { minify: false });
    cache.set(relativeEntry, built);
  }
  return built;
}
