import { useRef, useState } from 'preact/hooks';
import { usePanel } from '../../app/context.js';
import { exportHistory, importHistory, IMPORT_LIMITS } from '../../../core/history/format.js';

/** FileReader rather than Blob.text(): it exists in every browser and in jsdom. */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsText(file);
  });
}

export function ExportImport() {
  const { store, dispatch, actions, now } = usePanel();
  const input = useRef<HTMLInputElement>(null);
  // One export at a time: the choice to include live credentials never outlives the export it was made for.
  const [withSecrets, setWithSecrets] = useState(false);

  async function onFile(file: File | undefined): Promise<void> {
    if (!file) return;
    // Refused before reading: a 4 GB file must not be read into memory to be refused (issue 13.5).
    if (file.size > IMPORT_LIMITS.maxBytes) {
      dispatch({
        type: 'import-failed',
        message: `Import failed: the file is ${file.size.toLocaleString('en-US')} bytes, more than the ${IMPORT_LIMITS.maxBytes.toLocaleString('en-US')} a panel imports. Nothing was imported; the requests already in the panel are kept.`,
      });
      if (input.current) input.current.value = '';
      return;
    }
    let text: string;
    try {
      text = await readText(file);
    } catch (error) {
      dispatch({
        type: 'import-failed',
        message: `Import failed: ${(error as Error).message}. Nothing was imported.`,
      });
      return;
    }
    const result = importHistory(text);
    if (result.ok) {
      const note =
        result.secrets === 'masked'
          ? 'Cookie values and session ids were masked when this file was exported.'
          : undefined;
      dispatch({ type: 'imported', records: result.records, ...(note ? { note } : {}) });
    } else dispatch({ type: 'import-failed', message: result.message });
    if (input.current) input.current.value = '';
  }

  function onExport(): void {
    const secrets = withSecrets ? 'included' : 'masked';
    const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
    actions.download(
      `sessionscope-${stamp}${secrets === 'included' ? '-with-secrets' : ''}.json`,
      exportHistory(store.records.value, now(), { secrets }),
    );
    setWithSecrets(false);
  }

  return (
    <span class="history">
      <button
        type="button"
        data-testid="export"
        title={
          withSecrets
            ? 'Save the recorded requests WITH cookie values and session ids: the file is a live login, do not share it'
            : 'Save the recorded requests (decrypted, server redaction kept); cookie values and session ids are masked'
        }
        onClick={onExport}
      >
        Export
      </button>
      <label title="Include cookie values, Cookie headers and session ids in the next export (they let anyone holding the file act as you)">
        <input
          type="checkbox"
          data-testid="export-secrets"
          checked={withSecrets}
          onChange={(e) => setWithSecrets((e.target as HTMLInputElement).checked)}
        />
        with secrets
      </label>
      <button type="button" data-testid="import" onClick={() => input.current?.click()}>
        Import
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        data-testid="import-file"
        hidden
        onChange={(e) => void onFile((e.target as HTMLInputElement).files?.[0])}
      />
    </span>
  );
}
