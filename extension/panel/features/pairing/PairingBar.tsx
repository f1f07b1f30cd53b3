import { useEffect, useState } from 'preact/hooks';
import { usePanel } from '../../app/context.js';
import { silentOrigins, silentOriginText } from '../../../core/pairing/diagnose.js';
import { isStaticAsset } from '../../state/selectors.js';
import type { RequestRecord } from '../../state/types.js';

/** Requests looked at for "paired but no payload". */
const RECENT = 30;

function recentlySeen(records: readonly RequestRecord[]) {
  return records
    .slice(-RECENT)
    .map((r) => ({ url: r.url, hadDebugHeader: r.debugHeader !== null, isStatic: isStaticAsset(r) }));
}

/** Paired, rule on, and an origin answers without payloads: say so, and how to check. */
function Silent() {
  const { store } = usePanel();
  const kid = store.kid.value;
  const silent = kid && store.ruleActive.value ? silentOrigins(recentlySeen(store.records.value)) : [];
  if (!kid || silent.length === 0) return null;
  return (
    <>
      {silent.map((s) => (
        <span class="pairing-error" role="status" data-testid="pairing-silent" data-origin={s.origin}>
          {silentOriginText(s, kid)}
        </span>
      ))}
    </>
  );
}

/** Paste the pairing string once; the key stays in extension storage, only its id is shown. */
export function PairingBar() {
  const { store, actions } = usePanel();
  const [text, setText] = useState('');
  const kid = store.kid.value;
  // The pasted text stays until pairing succeeds: a typo is fixed, not pasted again.
  useEffect(() => {
    if (kid) setText('');
  }, [kid]);
  if (kid) {
    return (
      <div class="pairing paired">
        <span
          data-testid="pairing-status"
          data-rule={store.ruleActive.value ? 'active' : 'pending'}
          title="Requests of this tab carry this key id while the panel is open"
        >
          Paired · key id <code>{kid}</code>
          {store.ruleActive.value ? ' · header on for this tab' : ''}
        </span>
        <button type="button" data-testid="unpair" onClick={() => actions.unpair()}>
          Unpair
        </button>
        {store.ruleError.value ? (
          <span class="pairing-error" role="alert" data-testid="rule-error">
            The browser refused the rule that adds the key id ({store.ruleError.value}). In Firefox, allow the
            add-on's access to websites in about:addons.
          </span>
        ) : null}
        <Silent />
      </div>
    );
  }
  const submit = () => {
    if (text.trim() !== '') actions.pair(text.trim());
  };
  return (
    <form
      class="pairing"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <span data-testid="pairing-status">Not paired: the server sends nothing to this panel.</span>
      <textarea
        data-testid="pairing-input"
        rows={1}
        spellcheck={false}
        aria-label="Pairing string"
        placeholder="Paste the pairing string (sessionscope1:…) printed by the server or `npx sessionscope keygen`, then Enter"
        value={text}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
        onKeyDown={(e) => {
          // Enter pairs (a pairing string has no line breaks); Shift+Enter is left alone.
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <button type="submit" data-testid="pairing-save" disabled={text.trim() === ''}>
        Pair
      </button>
      {store.pairingError.value ? (
        <span class="pairing-error" role="alert" data-testid="pairing-error">
          {store.pairingError.value}
        </span>
      ) : null}
    </form>
  );
}
