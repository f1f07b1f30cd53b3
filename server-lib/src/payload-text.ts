import { jsonText, type DebugPayload, type TypedValue } from '../../protocol/src/index.js';

/** A value's JSON text: JSON.stringify, or past its recursion limit jsonText's explicit stack. */
export function jsonOf(value: TypedValue): string {
  return printed(value) as string;
}

/** JSON.stringify's answer for any value: undefined for undefined (a field JSON leaves out). */
function printed(value: unknown): string | undefined {
  // JSON.stringify first: every real session is far shallower than its stack, and asking
  // jsonText to measure the depth first walked the value once more. A session nested past it
  // (maxDepth raised, issue 13) makes it throw RangeError; jsonText prints the same text.
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (error instanceof RangeError) return jsonText(value as TypedValue);
    throw error;
  }
}

/** The two session trees of a payload and their JSON texts, printed once when they were snapshotted. */
export interface SessionTexts {
  before: { data: TypedValue | null; json: string | null };
  after: { data: TypedValue | null; json: string | null };
}

/**
 * `JSON.stringify(payload)`, with the session trees' texts spliced in instead of printed again:
 * the sessions are most of a payload, and each was already printed for its size (session-data.ts).
 * The same text, key for key: fields in the payload's own order, an undefined field left out as
 * JSON.stringify leaves it out. A tree that is not the one the text was printed from (a payload
 * rebuilt without values) is printed as it is. test/payload-text.test.ts checks it against
 * JSON.stringify over generated sessions.
 */
export function payloadText(payload: DebugPayload, sides?: SessionTexts): string {
  // Never undefined: a payload is an object.
  const session = payload.session as unknown as Record<string, unknown>;
  if (!sides || (sides.before.json === null && sides.after.json === null)) return printed(payload)!;
  let out = '{';
  for (const key of Object.keys(payload)) {
    const value = (payload as unknown as Record<string, unknown>)[key];
    const text = key === 'session' ? sessionText(session, sides) : printed(value);
    if (text === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${text}`;
  }
  return `${out}}`;
}

function sessionText(session: Record<string, unknown>, sides: SessionTexts): string | undefined {
  if (typeof session !== 'object' || session === null) return printed(session);
  let out = '{';
  for (const key of Object.keys(session)) {
    const value = session[key];
    const side = key === 'before' ? sides.before : key === 'after' ? sides.after : undefined;
    const text = side && side.json !== null && side.data === value ? side.json : printed(value);
    if (text === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${text}`;
  }
  return `${out}}`;
}
