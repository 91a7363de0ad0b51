// Type-aware lint: promises that nobody awaits are errors (a lost tmux failure
// would leave the user staring at a stale list).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // Arrows point one way: components -> hooks -> src. src/ is the React-free
    // core; bin/cli.ts is the only module that joins the CLI and the UI
    // (docs/ARCHITECTURE.md, section 1).
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'react',
            'ink',
            // The bundle evaluates every module at start: importing it loads
            // fs/promises (with readline and the watchers) on the way to the
            // first frame, ~2 ms; fs.promises is read only when called.
            { name: 'node:fs/promises', message: "use `import { promises as fsp } from 'node:fs'` (README, Start-up): loaded at the call, not at start" },
            // Loading node:crypto costs ~4 ms of every start (its module graph).
            { name: 'node:crypto', message: 'use src/digest.ts (README, Start-up): node:crypto loads ~4 ms of modules at start' },
            { name: 'crypto', message: 'use src/digest.ts (README, Start-up): node:crypto loads ~4 ms of modules at start' },
          ],
          patterns: ['**/components/*', '**/hooks/*'],
        },
      ],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}', 'hooks/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/src/cli/*', '**/bin/*'] }],
    },
  },
  {
    files: ['hooks/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/components/*', '**/src/cli/*', '**/bin/*'] }],
    },
  },
  {
    // A default or namespace import of a built-in becomes, in the bundle,
    // esbuild's __toESM: a copy of every export of the module as a getter,
    // made when the importing module loads. The ~35 such imports on the way
    // to the first frame cost ~2 ms of every start (README, Start-up).
    files: ['src/**/*.ts', 'components/**/*.{ts,tsx}', 'hooks/**/*.{ts,tsx}', 'bin/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportDeclaration[source.value=/^node:/] > :matches(ImportDefaultSpecifier, ImportNamespaceSpecifier)',
          message: "import the names used (`import { join } from 'node:path'`): a default or namespace import of a built-in copies all its exports at start (README, Start-up)",
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The launcher is CommonJS on purpose (it says why): require() is how it loads.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
