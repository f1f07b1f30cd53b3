import { Panel, usePanel, type PanelContext } from './context.js';
import { Toolbar } from './Toolbar.js';
import { Detail } from './Detail.js';
import { PairingBar } from '../features/pairing/PairingBar.js';
import { KeyScope } from '../features/scope/KeyScope.js';
import { RequestList } from '../features/list/RequestList.js';

function Notice() {
  const { store, dispatch } = usePanel();
  const notice = store.notice.value;
  if (!notice) return null;
  return (
    <p class="notice" role="status" data-testid="notice">
      {notice}{' '}
      <button type="button" class="link" onClick={() => dispatch({ type: 'dismiss-notice' })}>
        dismiss
      </button>
    </p>
  );
}

function Root() {
  const { store } = usePanel();
  return (
    <div class={`app theme-${store.theme.value}`} data-testid="app">
      <PairingBar />
      <KeyScope />
      <Toolbar />
      <Notice />
      <div class="split">
        <RequestList />
        <Detail />
      </div>
    </div>
  );
}

/** The whole panel UI; the shell passes the store, the dispatcher and the side effects. */
export function App({ context }: { context: PanelContext }) {
  return (
    <Panel.Provider value={context}>
      <Root />
    </Panel.Provider>
  );
}
