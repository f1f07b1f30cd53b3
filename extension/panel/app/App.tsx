import { useRef } from 'preact/hooks';
import { Panel, usePanel, type PanelContext } from './context.js';
import { Toolbar } from './Toolbar.js';
import { Detail } from './Detail.js';
import { Splitter } from './Splitter.js';
import { listSize, orientationFor } from './layout.js';
import { useSize } from './useSize.js';
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
        Dismiss
      </button>
    </p>
  );
}

/** List and detail, side by side or stacked by the panel's width, split where the user left it. */
function Split() {
  const { store, dispatch } = usePanel();
  const ref = useRef<HTMLDivElement>(null);
  const { width, height } = useSize(ref);
  const orientation = orientationFor(width);
  const total = orientation === 'columns' ? width : height;
  const size = listSize(total, store.split.value[orientation], orientation);
  return (
    <div class={`split split-${orientation}`} ref={ref} data-testid="split" data-orientation={orientation}>
      <div
        class="list-pane"
        style={orientation === 'columns' ? { width: `${size}px` } : { height: `${size}px` }}
      >
        <RequestList />
      </div>
      <Splitter
        orientation={orientation}
        size={size}
        total={total}
        onResize={(fraction) => dispatch({ type: 'set-split', split: { [orientation]: fraction } })}
      />
      <Detail />
    </div>
  );
}

function Root() {
  const { store } = usePanel();
  return (
    <div class={`app theme-${store.theme.value}`} data-testid="app" data-theme={store.theme.value}>
      <PairingBar />
      <KeyScope />
      <Toolbar />
      <Notice />
      <Split />
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
