import { usePanel } from './context.js';
import { ExportImport } from '../features/history/ExportImport.js';

export function Toolbar() {
  const { store, dispatch } = usePanel();
  const filter = store.filter.value;
  return (
    <div class="toolbar" role="toolbar" aria-label="Requests">
      <button
        type="button"
        data-testid="clear"
        title="Clear the recorded requests"
        onClick={() => dispatch({ type: 'clear' })}
      >
        Clear
      </button>
      <label title="Keep requests across navigations">
        <input
          type="checkbox"
          data-testid="preserve-log"
          checked={store.preserveLog.value}
          onChange={(e) => dispatch({ type: 'set-preserve-log', on: (e.target as HTMLInputElement).checked })}
        />
        Preserve log
      </label>
      <label title="Stop recording new requests">
        <input
          type="checkbox"
          data-testid="pause"
          checked={store.paused.value}
          onChange={(e) => dispatch({ type: 'set-paused', on: (e.target as HTMLInputElement).checked })}
        />
        Pause
      </label>
      <input
        type="search"
        aria-label="Filter by URL"
        data-testid="filter-text"
        placeholder="Filter URL"
        value={filter.text}
        onInput={(e) =>
          dispatch({ type: 'set-filter', filter: { text: (e.target as HTMLInputElement).value } })
        }
      />
      <select
        aria-label="Method"
        data-testid="filter-method"
        value={filter.method}
        onChange={(e) =>
          dispatch({ type: 'set-filter', filter: { method: (e.target as HTMLSelectElement).value } })
        }
      >
        <option value="">All methods</option>
        {['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => (
          <option value={m}>{m}</option>
        ))}
      </select>
      <select
        aria-label="Status"
        data-testid="filter-status"
        value={filter.status}
        onChange={(e) =>
          dispatch({ type: 'set-filter', filter: { status: (e.target as HTMLSelectElement).value } })
        }
      >
        <option value="">All statuses</option>
        {['2xx', '3xx', '4xx', '5xx'].map((s) => (
          <option value={s}>{s}</option>
        ))}
      </select>
      <label title="Hide favicons, scripts, stylesheets, images and fonts that did not touch the session">
        <input
          type="checkbox"
          data-testid="filter-static"
          checked={filter.hideStatic}
          onChange={(e) =>
            dispatch({ type: 'set-filter', filter: { hideStatic: (e.target as HTMLInputElement).checked } })
          }
        />
        Hide static assets
      </label>
      <label title="Only requests that created, changed, regenerated or destroyed the session">
        <input
          type="checkbox"
          data-testid="filter-changed"
          checked={filter.changedOnly}
          onChange={(e) =>
            dispatch({ type: 'set-filter', filter: { changedOnly: (e.target as HTMLInputElement).checked } })
          }
        />
        Changed session
      </label>
      <ExportImport />
    </div>
  );
}
