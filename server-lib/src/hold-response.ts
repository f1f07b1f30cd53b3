import type { ServerResponse } from 'node:http';
import type { Deadlines } from './deadlines.js';

type Args = unknown[];
type Call = { method: 'write' | 'end'; args: Args };

export interface HoldOptions {
  /**
   * Called once, synchronously, when headers are about to go out (the session
   * middleware's own header hook has already run). Resolves to extra headers
   * to set, or undefined for none.
   */
  onHead(res: ServerResponse): Promise<Record<string, string> | undefined>;
  /** The safety net: a response held longer than `deadlines.ms` goes out without the header. */
  deadlines: Deadlines;
  log(message: string): void;
}

/**
 * Installs writeHead/write/end wrappers on this response instance. Installed
 * before the session middleware wraps the same methods, ours are innermost:
 * express-session's end() calls `_implicitHeader()` and then the write/end it
 * captured at install time, which are these.
 *
 * Sealing is async but headers must be final before writeHead, so at our
 * writeHead we hold: stash its arguments, buffer every write/end, and replay
 * them in order once the extra headers are set (or on failure or timeout,
 * without them: the response itself is never changed or lost).
 */
export function holdResponse(res: ServerResponse, { onHead, deadlines, log }: HoldOptions): void {
  type Original = (this: ServerResponse, ...args: Args) => unknown;
  const writeHead = res.writeHead as Original;
  const write = res.write as Original;
  const end = res.end as Original;
  let state: 'open' | 'holding' | 'released' = 'open';
  const queue: Call[] = [];

  function release(headerArgs: Args, headers: Record<string, string> | undefined): void {
    if (state !== 'holding') return;
    state = 'released';
    try {
      if (headers && !res.headersSent) for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    } catch (error) {
      log(`could not set the debug header: ${String(error)}`);
    }
    try {
      writeHead.apply(res, headerArgs);
    } catch (error) {
      log(`writeHead failed after release: ${String(error)}`);
    }
    for (const call of queue.splice(0)) {
      try {
        (call.method === 'write' ? write : end).apply(res, call.args);
      } catch (error) {
        log(`${call.method} failed after release: ${String(error)}`);
      }
    }
  }

  function hold(args: Args): void {
    state = 'holding';
    let done = false;
    const finish = (headers: Record<string, string> | undefined): void => {
      if (done) return;
      done = true;
      cancel();
      release(args, headers);
    };
    const cancel = deadlines.add(() => {
      log(`no debug payload after ${deadlines.ms} ms; response sent without it`);
      finish(undefined);
    });
    let pending: Promise<Record<string, string> | undefined>;
    try {
      pending = onHead(res);
    } catch (error) {
      log(`observing failed: ${String(error)}`);
      finish(undefined);
      return;
    }
    pending.then(finish, (error: unknown) => {
      log(`sealing failed: ${String(error)}`);
      finish(undefined);
    });
  }

  res.writeHead = function sessionscopeWriteHead(this: ServerResponse, ...args: Args) {
    if (state === 'released') return writeHead.apply(this, args);
    if (state === 'holding') {
      // While we hold, `res._header` is still unset, so express-session's end() calls
      // `_implicitHeader()` again: headers are already decided, so this call is dropped.
      return this;
    }
    const status = args[0];
    // An invalid status must throw in the app's own call stack, as it would without us.
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 999) {
      state = 'released';
      return writeHead.apply(this, args);
    }
    hold(args);
    return this;
  } as ServerResponse['writeHead'];

  /** Node's own write/end send headers implicitly; do the same so that the hold starts first. */
  function ensureHead(): void {
    if (state === 'open' && !res.headersSent)
      (res as unknown as { _implicitHeader(): void })._implicitHeader();
  }

  res.write = function sessionscopeWrite(this: ServerResponse, ...args: Args) {
    ensureHead();
    if (state !== 'holding') return write.apply(this, args);
    queue.push({ method: 'write', args });
    return true;
  } as ServerResponse['write'];

  res.end = function sessionscopeEnd(this: ServerResponse, ...args: Args) {
    ensureHead();
    if (state !== 'holding') return end.apply(this, args);
    queue.push({ method: 'end', args });
    return this;
  } as ServerResponse['end'];
}
