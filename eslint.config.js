import js from '@eslint/js';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'test-output/**', '**/*.d.ts', 'packages/api-types/src/openapi.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'exit',
          message: 'Let the composition root decide; set process.exitCode.',
        },
      ],
    },
  },
  {
    files: [
      'test/**',
      '**/test/**',
      'bench/**',
      'scripts/**',
      '**/src/main.ts',
      '**/src/cli.ts',
      'packages/shared/src/process.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
);
