import { useState } from 'preact/hooks';
import { usePanel } from '../../app/context.js';

/** Paste the pairing string once; the key stays in extension storage, only its id is shown. */
export function PairingBar() {
  const { store, actions } = usePanel();
  const [text, setText] = useState('');
  const kid = store.kid.value;
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
        {store.ruleError.value ? (
          <span class="pairing-error" role="alert" data-testid="rule-error">
            The browser refused the rule that adds the key id ({store.ruleError.value}). In Firefox, allow the add-on's access to
            websites in about:addons.
          </span>
        ) : null}
        <button type="button" data-testid="unpair" onClick={() => actions.unpair()}>
          Unpair
        </button>
      </div>
    );
  }
  return (
    <form
      class="pairing"
      onSubmit={(e) => {
        e.preventDefault();
        actions.pair(text);
        setText('');
      }}
    >
      <span data-testid="pairing-status">Not paired: the server sends nothing to this panel.</span>
      <textarea
        data-testid="pairing-input"
        rows={1}
        spellcheck={false}
        placeholder="Paste the pairing string (sessionscope1:…) printed by the server or `npx sessionscope keygen`"
        value={text}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
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
