import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// The inline shell: the panel UI as a plain page (no extension APIs) in dist/inline, for
// UI screenshots and the ingest benchmark. Not part of the extension packages.
export default defineConfig({
  plugins: [preact()],
  base: './',
  build: {
    outDir: 'dist/inline',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: { input: { inline: resolve(import.meta.dirname, 'extension/panel/inline.html') } },
  },
});
