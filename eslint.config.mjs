// The linter `npm test` runs (after the type-check): typescript-eslint's
// recommended rules on the sources, the tests and the scripts.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'samples/**', 'test/fixtures/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    rules: {
      // An error rethrown in other words keeps the one it replaces as its cause (eslint 10 recommends this rule).
      'preserve-caught-error': 'error',
      // Unused names are the type-check's to report (noUnusedLocals, noUnusedParameters).
      '@typescript-eslint/no-unused-vars': 'off',
      // The PDF and Word readers and the tests talk to untyped library objects.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Code that playwright runs inside the editor's page.
    files: ['scripts/e2e/**/*.mjs', 'test/e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
