// Lint: typescript-eslint recommended + Nx module boundaries. Scopes (scope:): image and sequence
// families never import each other; shared is open to both. @tensorflow/tfjs-node* is loaded only
// by libs/backend, which only an app's main (through the trainer's runApp) or a bench calls.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const nodeBindings = ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'];
const concreteBackends = [...nodeBindings, '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-cpu'];

// Layers (type:): app / tool -> training -> technique -> primitive -> util. `type:backend` (the
// tfjs backend choice) sits beside training: apps, tools and the trainer's runApp may call it;
// technique and primitive libraries may not, except in their tests.
const layers = (extra, banned = concreteBackends) => [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:training', 'type:backend', 'type:technique', 'type:primitive', 'type:util'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:training', 'type:backend', 'type:technique', 'type:primitive', 'type:util'] },
  { sourceTag: 'type:training', onlyDependOnLibsWithTags: ['type:training', 'type:backend', 'type:technique', 'type:primitive', 'type:util'], bannedExternalImports: nodeBindings },
  { sourceTag: 'type:backend', onlyDependOnLibsWithTags: ['type:util'] },
  { sourceTag: 'type:technique', onlyDependOnLibsWithTags: ['type:primitive', 'type:util', ...extra], bannedExternalImports: banned },
  { sourceTag: 'type:primitive', onlyDependOnLibsWithTags: ['type:util', ...extra], bannedExternalImports: banned },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', ...extra], bannedExternalImports: banned },
  { sourceTag: 'scope:image', onlyDependOnLibsWithTags: ['scope:image', 'scope:shared'] },
  { sourceTag: 'scope:sequence', onlyDependOnLibsWithTags: ['scope:sequence', 'scope:shared'] },
];
const boundaries = (extra, banned, allow = []) => ['error', { enforceBuildableLibDependency: false, allow, depConstraints: layers(extra, banned) }];
// The step benches and the kernel audit (tools/bench) drive the apps' shipped recipes, and the generator page's
// test trains a tiny run of each image family, and the comparison app's launcher table names every family's
// main and schema; nothing else may import an app.
const appPackages = ['@stablegen/gan-app', '@stablegen/wgan-gp-app', '@stablegen/seq2seq-app', '@stablegen/progressive-app'];
const testFiles = ['**/*.test.ts', '**/test/**/*.ts', '**/testing/**/*.ts', '**/test-helpers.ts'];

export default [
  { ignores: ['libs/backend/assembly/**', '**/dist/**', '**/node_modules/**', '**/.nx/**', 'runs/**', '**/vitest.config.ts'] },
  ...nx.configs['flat/base'],
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': boundaries([]),
    },
  },
  // Tests may set up a backend (and use its test helpers) wherever they are.
  { files: testFiles, rules: { '@nx/enforce-module-boundaries': boundaries(['type:backend'], []) } },
  { files: ['tools/**/*.ts'], rules: { '@nx/enforce-module-boundaries': boundaries([], concreteBackends, appPackages) } },
  { files: ['apps/compare/src/launch-families.ts'], rules: { '@nx/enforce-module-boundaries': boundaries([], concreteBackends, appPackages) } },
  { files: ['tools/**/*.test.ts', 'apps/generator-page/test/**/*.ts'], rules: { '@nx/enforce-module-boundaries': boundaries(['type:backend'], [], appPackages) } },
];
