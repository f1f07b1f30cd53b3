import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import baseManifest from './manifest.json' with { type: 'json' };

type Target = 'chrome' | 'firefox';

/**
 * Firefox MV3 refuses `background.service_worker` (event page scripts instead) and
 * `web-ext lint` wants a gecko id and data_collection_permissions (strict_min_version ≥ 142
 * for that key). crxjs' firefox mode also fails on a service_worker manifest, so the
 * manifest is rewritten before crx sees it.
 */
function manifestFor(target: Target): ManifestV3Export {
  if (target === 'chrome') return baseManifest as ManifestV3Export;
  const { minimum_chrome_version: _chromeOnly, background, ...rest } = baseManifest;
  return {
    ...rest,
    background: { scripts: [background.service_worker], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: 'sessionscope@sessionscope.dev',
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
  } as unknown as ManifestV3Export;
}

export default defineConfig(({ mode }) => {
  const target: Target = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    plugins: [preact(), crx({ manifest: manifestFor(target), browser: target })],
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: true,
      target: 'es2022',
      // Extension pages load from the package; no polyfill for <link rel=modulepreload> needed.
      modulePreload: { polyfill: false },
      // The panel page is opened by devtools.panels.create, not named in the manifest.
      rollupOptions: { input: { panel: resolve(import.meta.dirname, 'extension/panel/index.html') } },
    },
  };
});
