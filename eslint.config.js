// Lint: typescript-eslint with type-aware rules on the source, eslint-plugin-astro for the pages.
// Run with `npm run lint`, which lends TypeScript 6 to typescript-eslint (TypeScript 7, the
// project's compiler, has no JavaScript API: see scripts/typescript-js-api.ts).
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import tseslint from 'typescript-eslint';

/** Rules of the recommended sets left out, each with why. */
const notWorthIt = {
  // Factories return objects of closures that never use `this`: every destructured method is a false alarm.
  '@typescript-eslint/unbound-method': 'off',
  // An async handler without await still returns a promise the router awaits; flagging it adds noise, not safety.
  '@typescript-eslint/require-await': 'off',
  // Control characters are matched on purpose: they are what sanitisers of names and messages remove.
  'no-control-regex': 'off',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', '.astro/**', 'content/**', 'site/public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      ...notWorthIt,
      // `const { hidden: _hidden, ...rest } = x` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, varsIgnorePattern: '^_', argsIgnorePattern: '^_' }],
      // Yjs texts define their own toString, which the rule does not see through Yjs's declarations.
      '@typescript-eslint/no-base-to-string': ['error', { ignoredTypeNames: ['Error', 'RegExp', 'URL', 'URLSearchParams', 'YText'] }],
    },
  },
  {
    // Tests read JSON answers as they come (`any`) and print Yjs values: the type-safety rules
    // would ask for a cast on every assertion without catching a bug.
    files: ['tests/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  // Astro's own generated declarations are referenced the way Astro documents.
  { files: ['**/*.d.ts'], rules: { '@typescript-eslint/triple-slash-reference': 'off' } },
  ...astro.configs['flat/recommended'],
  {
    // Type information is not available inside .astro files to typescript-eslint; `astro check` covers them.
    files: ['**/*.astro', '**/*.astro/*.ts', '**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
