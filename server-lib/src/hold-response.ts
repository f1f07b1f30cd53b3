import type { ServerResponse } from 'node:http';
import type { Deadlines, Expiring } from './deadlines.js';

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
 *
 * The wrappers are shared functions that find their state on the response
 * (one `Hold` per response): nothing is allocated per request beyond that
 * object, and no closure is made per request.
 */
type Original = (this: ServerResponse, ...args: Args) => unknown;
type HeldResponse = ServerResponse & { [HOLD]?: Hold };
type Headers = Record<string, string> | undefined;

const HOLD = Symbol('sessionscope.hold');

class Hold implements Expiring {
  state: 'open' | 'holding' | 'released' = 'open';
  readonly queue: Call[] = [];
  headArgs: Args = [];

  constructor(
    readonly res: ServerResponse,
    readonly writeHead: Original,
    readonly write: Original,
    readonly end: Original,
    readonly options: HoldOptions,
  ) {}

  start(args: Args): void {
    this.state = 'holding';
    this.headArgs = args;
    this.options.deadlines.add(this);
    let pending: Promise<Headers>;
    try {
      pending = this.options.onHead(this.res);
    } catch (error) {
      this.options.log(`observing failed: ${String(error)}`);
      this.release(undefined);
      return;
    }
    pending.then(
      (headers) => this.release(headers),
      (error: unknown) => {
        this.options.log(`sealing failed: ${String(error)}`);
        this.release(undefined);
      },
    );
  }

  expire(): void {
    if (this.state !== 'holding') return;
    this.options.log(`no debug payload after ${this.options.deadlines.ms} ms; response sent without it`);
    this.release(undefined);
  }

  /** Once: set the extra headers (if any), then writeHead and the buffered calls, in order. */
  release(headers: Headers): void {
    if (this.state !== 'holding') return;
    this.state = 'released';
    this.options.deadlines.delete(this);
    const { res, options } = this;
    try {
      if (headers && !res.headersSent) for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    } catch (error) {
      options.log(`could not set the debug header: ${String(error)}`);
    }
    try {
      this.writeHead.apply(res, this.headArgs);
    } catch (error) {
      options.log(`writeHead failed after release: ${String(error)}`);
    }
    for (const call of this.queue.splice(0)) {
      try {
        (call.method === 'write' ? this.write : this.end).apply(res, call.args);
      } catch (error) {
        options.log(`${call.method} failed after release: ${String(error)}`);
      }
    }
  }

  /** Node's own write/end send headers implicitly; do the same so that the hold starts first. */
  ensureHead(): void {
    if (this.state === 'open' && !this.res.headersSent)
      (this.res as unknown as { _implicitHeader(): void })._implicitHeader();
  }
}

export function holdResponse(res: ServerResponse, options: HoldOptions): void {
  (res as HeldResponse)[HOLD] = new Hold(
    res,
    res.writeHead as Original,
    res.write as Original,
    res.end as Original,
    options,
  );
  res.writeHead = sessionscopeWriteHead as ServerResponse['writeHead'];
  res.write = sessionscopeWrite as ServerResponse['write'];
  res.end = sessionscopeEnd as ServerResponse['end'];
}

function sessionscopeWriteHead(this: HeldResponse, ...args: Args): unknown {
  const hold = this[HOLD]!;
  if (hold.state === 'released') return hold.writeHead.apply(this, args);
  if (hold.state === 'holding') {
    // While we hold, `res._header` is still unset, so express-session's end() calls
    // `_implicitHeader()` again: headers are already decided, so this call is dropped.
    return this;
  }
  const status = args[0];
  // An invalid status must throw in the app's own call stack, as it would without us.
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 999) {
    hold.state = 'released';
    return hold.writeHead.apply(this, args);
  }
  hold.start(args);
  return this;
}

function sessionscopeWrite(this: HeldResponse, ...args: Args): unknown {
  const hold = this[HOLD]!;
  hold.ensureHead();
  if (hold.state !== 'holding') return hold.write.apply(this, args);
  hold.queue.push({ method: 'write', args });
  return true;
}

function sessionscopeEnd(this: HeldResponse, ...args: Args): unknown {
  const hold = this[HOLD]!;
  hold.ensureHead();
  if (hold.state !== 'holding') return hold.end.apply(this, args);
  hold.queue.push({ method: 'end', args });
  return this;
}
