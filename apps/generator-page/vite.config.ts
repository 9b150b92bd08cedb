import { fileURLToPath } from 'node:url';
import tsconfigPaths from 'vite-tsconfig-paths';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** `nx run generator-page:build` -> dist/: a static page (relative paths, so any folder or server can host it). */
export default defineConfig({
  base: './',
  plugins: [tsconfigPaths({ root })],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  logLevel: 'warn',
});
