// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Node built-ins and Node-only packages that must never reach the workflow sandbox bundle. */
const sandboxForbidden = {
  patterns: [
    {
      group: ['node:*', 'fs', 'path', 'http', 'https', 'crypto', 'child_process', 'net', 'os'],
      message: 'Workflows run in a deterministic sandbox: no Node APIs.',
    },
    {
      group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'],
      message: 'Workflows import only @temporalio/workflow and @temporalio/common.',
    },
    {
      group: ['express', 'express/*', '../src/*', '../src/**'],
      message: 'Workflow code may not import Node-side code; use `import type` for types.',
      allowTypeImports: true,
    },
    { group: ['../activities', '../activities/*'], message: 'Import activity types only.', allowTypeImports: true },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'lib/',
      'node_modules/',
      'data/',
      '.temporal/',
      'coverage/',
      'bench/results/',
      'jest.config.js',
      'jest.cluster.config.js',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/only-throw-error': 'error',
    },
  },
  { files: ['workflows/**/*.ts'], rules: { 'no-restricted-imports': ['error', sandboxForbidden] } },
  {
    files: ['activities/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@temporalio/workflow',
              message: 'Activities import from @temporalio/activity or @temporalio/common.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/integrations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@temporalio/*'], message: 'API clients know nothing about Temporal.' }] },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  { files: ['**/*.mjs', '**/*.js'], ...tseslint.configs.disableTypeChecked },
);
