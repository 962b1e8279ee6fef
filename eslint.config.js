// ESLint for the TypeScript sources, the tests and the scripts: the recommended rules of ESLint and
// typescript-eslint, nothing more. `npm run lint`; .ci/run runs it before the tests.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'docs/', 'fixtures/', 'out/', 'redframe-out/', 'node_modules/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  // The page's own code, and the scripts that hand code to a browser (page.evaluate) run there.
  { files: ['src/web/**', 'scripts/page-*.mjs', 'test/page/hooks.mjs'], languageOptions: { globals: { ...globals.browser } } },
  {
    rules: {
      // Names, file heads and terminal output are checked for control characters on purpose.
      'no-control-regex': 'off',
      // `_name` says "deliberately unused" (callback parameters, destructured leftovers).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
);
