import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/dist/**', '.bench-build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
      'no-new-func': 'off',
    },
  },
  {
    files: ['src/lang/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', '../plan/*', '../engine/*', '../io/*', '../stores/*', '../server/*', '../cli/*'],
              message:
                'src/lang runs in the browser and sits at the top of the layers: import nothing from Node or lower layers.',
            },
          ],
        },
      ],
    },
  },
);
