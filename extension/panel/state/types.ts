import type { DebugPayload, ErrorCode } from '../../../protocol/src/index.js';
import type { RequestSummary } from '../../core/ingest/har.js';
import type { HistoryRecord } from '../../core/history/format.js';

export type DebugState =
  /** No X-Sessionscope header: a plain request (cookies still decoded without server-lib). */
  | { state: 'plain' }
  /** Header seen, decrypting or fetching by reference. */
  | { state: 'pending' }
  | { state: 'decoded'; payload: DebugPayload }
  | { state: 'error'; code: ErrorCode | string; message: string };

export interface RequestRecord extends RequestSummary {
  /**
   * The request's number, shown in the list and named by causes (`#12`): grows with the list's
   * order (start time), stable across filters, imports and DevTools reopen.
   */
  id: number;
  /** Internal handle the shell uses for this request's decrypt outcome; never shown, never renumbered. */
  key: number;
  debug: DebugState;
}

export type Theme = 'light' | 'dark';

export interface Filter {
  text: string;
  method: string;
  /** '' | '2xx' | '3xx' | '4xx' | '5xx' */
  status: string;
  changedOnly: boolean;
  /** Hide favicons, scripts, styles, images and fonts (unless they touched the session). */
  hideStatic: boolean;
}

/** Where the list/detail divider sits: fractions of the panel, one per orientation, remembered. */
export interface Split {
  /** Wide panel, side by side: the list's share of the width. */
  columns: number;
  /** Narrow panel, stacked: the list's share of the height. */
  rows: number;
}

/** What a look at an origin's Sessionscope endpoint found (pairing diagnostics). */

export type DetailTab = 'diff' | 'session' | 'cookies' | 'size' | 'timeline' | 'security';

/** Everything that can happen to the panel; `applyEvent` is the only way in. */
export type PanelEvent =
  | { type: 'request-finished'; summary: RequestSummary }
  | { type: 'payload-decoded'; key: number; payload: DebugPayload }
  | { type: 'payload-failed'; key: number; code: string; message: string }
  | { type: 'paired'; kid: string }
  | { type: 'unpaired' }
  | { type: 'pairing-failed'; message: string }
  /** Where the key id goes (exact origins) and whether the pairing is kept on disk. */
  | { type: 'key-scope'; origins: string[]; remembered: boolean }
  /** The inspected page's http(s) origin; null for about:blank and other non-web pages. */
  | { type: 'page-origin'; origin: string | null }
  /** The background confirmed (or refused) the rule that adds the key id to this tab's requests. */
  | { type: 'rule-status'; active: boolean; error?: string }
  | { type: 'navigated'; url: string }
  | { type: 'clear' }
  | { type: 'select'; id: number | null }
  | { type: 'compare-with'; id: number | null }
  | { type: 'select-tab'; tab: DetailTab }
  | { type: 'set-filter'; filter: Partial<Filter> }
  | { type: 'set-preserve-log'; on: boolean }
  | { type: 'set-paused'; on: boolean }
  | { type: 'theme'; theme: Theme }
  /** Records from a history file; already-listed ones are skipped. `note`: said after "Imported N requests." (e.g. that the file's secrets were masked). */
  | { type: 'imported'; records: readonly HistoryRecord[]; note?: string }
  /** This tab's history, kept while DevTools was closed: listed before anything recorded since. */
  | { type: 'restored'; records: readonly HistoryRecord[] }
  | { type: 'set-split'; split: Partial<Split> }
  | { type: 'import-failed'; message: string }
  | { type: 'dismiss-notice' };
