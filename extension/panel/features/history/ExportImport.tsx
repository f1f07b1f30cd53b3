import { useRef } from 'preact/hooks';
import { usePanel } from '../../app/context.js';
import { exportHistory, importHistory } from '../../../core/history/format.js';

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

  async function onFile(file: File | undefined): Promise<void> {
    if (!file) return;
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
    if (result.ok) dispatch({ type: 'imported', records: result.records });
    else dispatch({ type: 'import-failed', message: result.message });
    if (input.current) input.current.value = '';
  }

  return (
    <span class="history">
      <button
        type="button"
        data-testid="export"
        title="Save the recorded requests (decrypted, server redaction kept; contains cookie values)"
        onClick={() =>
          actions.download(
            `sessionscope-${new Date(now()).toISOString().replace(/[:.]/g, '-')}.json`,
            exportHistory(store.records.value, now()),
          )
        }
      >
        Export
      </button>
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
