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
    // src/ is the React-free core (DESIGN §2).
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['react', 'ink'], patterns: ['**/components/*', '**/hooks/*'] }],
    },
  },
  {
    // The composition root: the CLI starts the UI (lazily, after the lock).
    files: ['src/cli/dashboard.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
