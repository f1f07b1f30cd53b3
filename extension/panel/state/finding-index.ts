import type { Severity } from '../../core/cookies/rules.js';
import { deadCookieText } from '../../core/causes/describe.js';
import { analyze } from './analysis.js';
import { deadCookieAt } from './explain.js';
import type { RequestRecord } from './types.js';

/** One finding of one request, with the key that says "the same finding again". */
export interface RowFinding {
  /** Same key on two requests: one finding repeated (grouped), not two. */
  key: string;
  severity: Exclude<Severity, 'info'>;
  kind: 'cookie' | 'security' | 'dead-cookie' | 'error';
  title: string;
  detail: string;
  spec?: { text: string; url: string };
}

/** A finding over the history: where it first showed, how often it came back. */
export interface FindingGroup {
  finding: RowFinding;
  /** Positions in the list of the requests that showed it, oldest first. */
  positions: number[];
}

const rowCache = new WeakMap<RequestRecord, RowFinding[]>();

/** Most requests have no finding: one shared empty list (never pushed to) instead of 100,000. */
const NONE: RowFinding[] = [];

/** Security and cookie findings of one request (cached per record object). */
export function findingsOf(records: readonly RequestRecord[], index: number): RowFinding[] {
  const record = records[index]!;
  const cached = rowCache.get(record);
  if (cached) return cached;
  const analysis = analyze(record, index);
  const out: RowFinding[] = [];
  for (const f of analysis.security) {
    // A fixation is an event of one request; a secret in a readable cookie is a state that lasts.
    const subject = f.id === 'session-fixation' ? `#${record.key}` : f.title;
    out.push({
      key: `security:${f.id}:${subject}`,
      severity: f.severity,
      kind: 'security',
      title: f.title,
      detail: f.risk,
    });
  }
  for (const f of analysis.cookieFindings) {
    if (f.severity === 'info') continue;
    out.push({
      key: `cookie:${f.ruleId}:${f.cookieName}`,
      severity: f.severity,
      kind: 'cookie',
      title: f.message,
      detail: '',
      spec: { text: f.spec, url: f.specUrl },
    });
  }
  if (record.debug.state === 'error') {
    out.push({
      key: `error:#${record.key}`,
      severity: 'error',
      kind: 'error',
      title: `${record.debug.code}: ${record.debug.message}`,
      detail: '',
    });
  }
  const payload = record.debug.state === 'decoded' ? record.debug.payload : null;
  // Only a request that arrived without a session but with a cookie can carry a dead one.
  if (
    payload &&
    payload.session.before === null &&
    record.cookieHeader !== null &&
    payload.middleware.kind === 'express-session'
  ) {
    const dead = deadCookieAt(records, index);
    if (dead) {
      out.push({
        key: `dead:${dead.cookieName}:${dead.sessionId}`,
        severity: 'warning',
        kind: 'dead-cookie',
        title: deadCookieText(dead),
        detail: '',
      });
    }
  }
  const row = out.length === 0 ? NONE : out;
  rowCache.set(record, row);
  return row;
}

/**
 * Findings over the whole list, grouped by key, kept up to date incrementally: the list only
 * changes at its end (new requests, late decodes, a redirect reported late), so an update undoes
 * the few positions that changed and reads the new ones.
 */
export function createFindingIndex() {
  let seen: RequestRecord[] = [];
  const perPosition: RowFinding[][] = [];
  const groups = new Map<string, FindingGroup>();
  /** Keys first seen at each position (what that row's badge counts). */
  const fresh: RowFinding[][] = [];

  function undo(position: number): void {
    for (const f of perPosition[position] ?? []) {
      const group = groups.get(f.key);
      if (!group) continue;
      group.positions.pop();
      if (group.positions.length === 0) groups.delete(f.key);
    }
    perPosition.length = position;
    fresh.length = position;
  }

  /**
   * The first position where `records` differs from what was indexed. A late decode replaces a
   * record in the middle while the ones after it stay: compare every position (pointer compares,
   * ~0.2 ms for 100,000), not only from the end.
   */
  function firstChange(records: readonly RequestRecord[]): number {
    const shared = Math.min(records.length, perPosition.length);
    for (let i = 0; i < shared; i++) if (records[i] !== seen[i]) return i;
    return shared;
  }

  return {
    /**
     * Brings the index up to `records`; stops at `deadline` (performance.now() ms) and returns
     * false when there is more to read, so that a long history is read in slices between frames.
     */
    update(records: readonly RequestRecord[], deadline = Number.POSITIVE_INFINITY): boolean {
      if (records !== seen) {
        const from = firstChange(records);
        for (let p = perPosition.length - 1; p >= from; p--) undo(p);
        seen = records as RequestRecord[];
      }
      for (let p = perPosition.length; p < records.length; p++) {
        if ((p & 63) === 0 && performance.now() > deadline) return false;
        const row = findingsOf(records, p);
        const first: RowFinding[] = [];
        for (const f of row) {
          const group = groups.get(f.key);
          if (group) group.positions.push(p);
          else {
            groups.set(f.key, { finding: f, positions: [p] });
            first.push(f);
          }
        }
        perPosition[p] = row;
        fresh[p] = first.length === 0 ? NONE : first;
      }
      return true;
    },
    /** How many positions are indexed. */
    progress(): number {
      return perPosition.length;
    },
    /** Findings first seen at this position: repeats of an earlier one are not counted again. */
    freshAt(position: number): readonly RowFinding[] {
      return fresh[position] ?? [];
    },
    /** Every finding of this position, repeats included. */
    allAt(position: number): readonly RowFinding[] {
      return perPosition[position] ?? [];
    },
    groups(): FindingGroup[] {
      return [...groups.values()];
    },
  };
}

export type FindingIndex = ReturnType<typeof createFindingIndex>;

/** How far back a row looks for the same finding before counting it as new. */
export const REPEAT_LOOK_BACK = 100;

const freshByList = new WeakMap<
  readonly RequestRecord[],
  Map<number, { fresh: RowFinding[]; repeated: number }>
>();

/**
 * A row's findings split into new ones and repeats of a finding already shown within the last
 * few hundred requests: bounded work per row, so the list's first render does not scan history.
 */
export function rowFindings(
  records: readonly RequestRecord[],
  index: number,
): { fresh: RowFinding[]; repeated: number } {
  let memo = freshByList.get(records);
  if (!memo) freshByList.set(records, (memo = new Map()));
  const hit = memo.get(index);
  if (hit) return hit;
  const own = findingsOf(records, index);
  let result = { fresh: own, repeated: 0 };
  if (own.length > 0) {
    const earlier = new Set<string>();
    for (let i = Math.max(0, index - REPEAT_LOOK_BACK); i < index; i++)
      for (const f of findingsOf(records, i)) earlier.add(f.key);
    const fresh = own.filter((f) => !earlier.has(f.key));
    result = { fresh, repeated: own.length - fresh.length };
  }
  memo.set(index, result);
  return result;
}
