import { defineConfig } from 'tsup';

/**
 * The npm package `sessionscope`: ESM and CommonJS entry points with their .d.ts, and the
 * `sessionscope` CLI. The protocol code (../protocol/src, shared with the extension) and
 * the few helpers it takes from `jose` are bundled in, so the package has no runtime
 * dependencies and one tarball is all a user installs. Node ≥ 20.19 (package.json engines).
 */
export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    tsconfig: 'tsconfig.build.json',
    platform: 'node',
    target: 'node20',
    noExternal: ['jose'],
    outDir: 'dist',
    clean: true,
    splitting: false,
    treeshake: true,
  },
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    tsconfig: 'tsconfig.build.json',
    platform: 'node',
    target: 'node20',
    noExternal: ['jose'],
    outDir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
    splitting: false,
    treeshake: true,
  },
]);
