import type { DebugPayload, ErrorCode } from '../../../protocol/src/index.js';
import type { RequestSummary } from '../../core/ingest/har.js';

export type DebugState =
  /** No X-Sessionscope header: a plain request (cookies still decoded without server-lib). */
  | { state: 'plain' }
  /** Header seen, decrypting or fetching by reference. */
  | { state: 'pending' }
  | { state: 'decoded'; payload: DebugPayload }
  | { state: 'error'; code: ErrorCode | string; message: string };

export interface RequestRecord extends RequestSummary {
  /** Sequence number in this panel, stable across filters. */
  id: number;
  debug: DebugState;
}

export type Theme = 'light' | 'dark';

export interface Filter {
  text: string;
  method: string;
  /** '' | '2xx' | '3xx' | '4xx' | '5xx' */
  status: string;
  changedOnly: boolean;
}

export type DetailTab = 'diff' | 'session' | 'cookies' | 'size' | 'timeline' | 'security';

/** Everything that can happen to the panel; `applyEvent` is the only way in. */
export type PanelEvent =
  | { type: 'request-finished'; summary: RequestSummary }
  | { type: 'payload-decoded'; id: number; payload: DebugPayload }
  | { type: 'payload-failed'; id: number; code: string; message: string }
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
  /** `note`: said after "Imported N requests." (e.g. that the file's secrets were masked). */
  | { type: 'imported'; records: RequestRecord[]; note?: string }
  | { type: 'import-failed'; message: string }
  | { type: 'dismiss-notice' };
