import { useState } from 'preact/hooks';
import { usePanel } from '../../app/context.js';
import { readOrigin, withOrigin } from '../../../core/attach/origins.js';
import './key-scope.css';

/**
 * Where the key id goes while paired: the app's origin (bound when pairing, from the page the
 * tab showed), API origins the developer adds by hand, and whether the page now in the tab is
 * one of them. The key id never follows the tab to another origin on its own (SECURITY.md).
 */
export function KeyScope() {
  const { store, actions } = usePanel();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!store.kid.value) return null;
  const origins = store.origins.value;
  const page = store.pageOrigin.value;

  function add(origin: string): void {
    try {
      actions.setOrigins(withOrigin(origins, origin));
      setError(null);
      setText('');
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <div class="key-scope" data-testid="key-scope">
      <span class="muted">Key id goes to</span>
      {origins.length === 0 ? (
        <span class="scope-none" data-testid="scope-none">
          no origin: requests carry no key id
          {page === null ? (
            // Paired while the page could not say where it is (Firefox sometimes answers for the
            // tab's first about:blank until the next navigation): say how to get out of it.
            <span data-testid="scope-no-page">
              {' '}
              (the page did not say its origin: reload it, then "Send it here too", or add your app's origin)
            </span>
          ) : null}
        </span>
      ) : (
        <ul class="scope-origins">
          {origins.map((origin) => (
            <li data-testid="scope-origin" data-origin={origin} key={origin}>
              <code>{origin}</code>
              <button
                type="button"
                class="link"
                data-testid="scope-origin-remove"
                title={`Stop sending the key id to ${origin}`}
                aria-label={`Remove ${origin}`}
                onClick={() => actions.setOrigins(origins.filter((o) => o !== origin))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="scope-add"
        onSubmit={(e) => {
          e.preventDefault();
          try {
            add(readOrigin(text));
          } catch (err) {
            setError((err as Error).message);
          }
        }}
      >
        <input
          data-testid="scope-origin-input"
          spellcheck={false}
          placeholder="API origin, e.g. http://localhost:4000"
          title="Another origin of your app (other port or subdomain) that should get the key id"
          value={text}
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
        />
        <button type="submit" data-testid="scope-origin-add" disabled={text.trim() === ''}>
          Add
        </button>
      </form>
      <PageLine page={page} covered={page !== null && origins.includes(page)} onAdd={add} />
      <label title="Off: the key lives in memory until the browser quits. On: it is kept in this browser profile's extension storage on disk, unencrypted.">
        <input
          type="checkbox"
          data-testid="remember-pairing"
          checked={store.remembered.value}
          onChange={(e) => actions.setRemembered((e.target as HTMLInputElement).checked)}
        />
        Remember pairing on this machine
      </label>
      {error ? (
        <span class="scope-error" role="alert" data-testid="scope-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

function PageLine({
  page,
  covered,
  onAdd,
}: {
  page: string | null;
  covered: boolean;
  onAdd(origin: string): void;
}) {
  if (page === null) return null;
  return (
    <span
      class={`scope-page ${covered ? 'covered' : 'uncovered'}`}
      data-testid="scope-page"
      data-origin={page}
      data-covered={covered ? 'yes' : 'no'}
    >
      {covered ? (
        <>This page gets the key id.</>
      ) : (
        <>
          This page (<code>{page}</code>) gets no key id.{' '}
          <button type="button" class="link" data-testid="scope-page-add" onClick={() => onAdd(page)}>
            Send it here too
          </button>
        </>
      )}
    </span>
  );
}
