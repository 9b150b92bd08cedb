// Lint: typescript-eslint recommended + Nx module boundaries.
// Layers (type:): app -> training -> technique -> primitive -> util. Scopes (scope:): image and
// sequence families never import each other; shared is open to both.
// @tensorflow/tfjs-node* is loaded only by libs/backend, which only an app's main calls.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const nodeBindings = ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'];
const concreteBackends = [...nodeBindings, '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-cpu'];

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.nx/**', 'runs/**', '**/vitest.config.ts'] },
  ...nx.configs['flat/base'],
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:training', 'type:technique', 'type:primitive', 'type:util'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:training', 'type:technique', 'type:primitive', 'type:util'] },
            { sourceTag: 'type:training', onlyDependOnLibsWithTags: ['type:training', 'type:technique', 'type:primitive', 'type:util'], bannedExternalImports: nodeBindings },
            { sourceTag: 'type:technique', onlyDependOnLibsWithTags: ['type:primitive', 'type:util'], bannedExternalImports: concreteBackends },
            { sourceTag: 'type:primitive', onlyDependOnLibsWithTags: ['type:util'], bannedExternalImports: concreteBackends },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:image', onlyDependOnLibsWithTags: ['scope:image', 'scope:shared'] },
            { sourceTag: 'scope:sequence', onlyDependOnLibsWithTags: ['scope:sequence', 'scope:shared'] },
          ],
        },
      ],
    },
  },
];
