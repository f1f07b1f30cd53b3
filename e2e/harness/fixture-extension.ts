import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserName } from './types.js';

/**
 * A throwaway MV3 extension with the same panel shape as Sessionscope (title "Sessions", page at
 * extension/panel/index.html): it lists devtools.network.onRequestFinished URLs as request rows and
 * has a pairing textarea + save button. Lets the harness be tested without the real build.
 */
export async function writeFixtureExtension(browser: BrowserName): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `sessionscope-fixture-${browser}-`));
  await mkdir(join(dir, 'extension/panel'), { recursive: true });
  await mkdir(join(dir, 'extension/devtools'), { recursive: true });
  const manifest: Record<string, unknown> = {
    manifest_version: 3,
    name: 'Sessionscope harness fixture',
    version: '0.0.1',
    devtools_page: 'extension/devtools/devtools.html',
    background: browser === 'firefox' ? { scripts: ['bg.js'] } : { service_worker: 'bg.js' },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'harness-fixture@sessionscope.dev' } } }
      : {}),
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  await writeFile(
    join(dir, 'bg.js'),
    '// nothing: a background so the extension has one, as the real one does\n',
  );
  await writeFile(
    join(dir, 'extension/devtools/devtools.html'),
    '<!doctype html><script src="devtools.js"></script>\n',
  );
  await writeFile(
    join(dir, 'extension/devtools/devtools.js'),
    "(globalThis.browser ?? chrome).devtools.panels.create('Sessions', '', '/extension/panel/index.html');\n",
  );
  await writeFile(
    join(dir, 'extension/panel/index.html'),
    `<!doctype html><meta charset="utf-8"><body>
<h1>Fixture</h1>
<textarea data-testid="pairing-input"></textarea><button data-testid="pairing-save">Pair</button>
<span data-testid="pairing-status">Not paired</span>
<ul data-testid="rows"></ul>
<script src="panel.js"></script></body>\n`,
  );
  await writeFile(
    join(dir, 'extension/panel/panel.js'),
    `const api = globalThis.browser ?? chrome;
document.querySelector('[data-testid=pairing-save]').addEventListener('click', () => {
  document.querySelector('[data-testid=pairing-status]').textContent = 'Paired: ' + document.querySelector('[data-testid=pairing-input]').value;
});
api.devtools.network.onRequestFinished.addListener((entry) => {
  const li = document.createElement('li');
  li.dataset.testid = 'request-row';
  li.dataset.url = entry.request.url;
  li.dataset.method = entry.request.method;
  li.dataset.status = String(entry.response.status);
  li.textContent = entry.request.method + ' ' + entry.request.url + ' ' + entry.response.status;
  document.querySelector('[data-testid=rows]').append(li);
});
`,
  );
  return dir;
}
