/**
 * A bounded JSON parser that keeps what `JSON.parse` would lose.
 *
 * - Python's `json.dumps` (Flask) writes `NaN`, `Infinity` and `-Infinity`, which `JSON.parse`
 *   rejects; with `allowNonFinite` they parse, as Python's `json.loads` does.
 * - Integers past 2^53 keep their digits (a Python int is exact; a JS number is not).
 * - Nesting is capped, so the recursive walks after parsing cannot overflow the stack.
 * Objects are Maps: insertion order kept, a repeated key keeps its first place and its last value,
 * as both `JSON.parse` and Python do, and a key like `__proto__` is only a key.
 */

import { LIMITS } from './result.js';

export type JsonValue = null | boolean | number | string | JsonNumber | JsonValue[] | JsonObject;
export type JsonObject = Map<string, JsonValue>;

/** A number a JS `number` cannot hold exactly: a big integer, or a non-finite float. */
export class JsonNumber {
  constructor(
    readonly kind: 'integer' | 'nonfinite',
    /** The digits as written, or `NaN` / `Infinity` / `-Infinity`. */
    readonly text: string,
  ) {}
}

export interface JsonParseOptions {
  /** Accept `NaN`, `Infinity`, `-Infinity` as Python's json module does. */
  allowNonFinite: boolean;
}

export type JsonParseResult =
  { ok: true; value: JsonValue } | { ok: false; tooDeep: boolean; message: string };

/**
 * Thrown inside parseJson and caught there only. Not an Error on purpose: capturing a stack
 * costs more than the parse (the panel tries every base64-looking cookie value as JSON, and
 * most are not), and nobody reads it.
 */
class ParseError {
  constructor(
    readonly message: string,
    readonly tooDeep = false,
  ) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;
const PLAIN_RUN = /[^"\\\u0000-\u001f]*/y;
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

export function parseJson(text: string, options: JsonParseOptions): JsonParseResult {
  let at = 0;

  function skipWhitespace(): void {
    WHITESPACE.lastIndex = at;
    WHITESPACE.test(text);
    at = WHITESPACE.lastIndex;
  }

  function expectWord(word: string): void {
    if (!text.startsWith(word, at)) throw new ParseError(`Unexpected character at position ${at}.`);
    at += word.length;
  }

  function parseString(): string {
    at++; // opening quote
    let out = '';
    for (;;) {
      PLAIN_RUN.lastIndex = at;
      PLAIN_RUN.test(text);
      out += text.slice(at, PLAIN_RUN.lastIndex);
      at = PLAIN_RUN.lastIndex;
      const char = text[at];
      if (char === '"') {
        at++;
        return out;
      }
      if (char !== '\\') throw new ParseError(`Unterminated string or control character at position ${at}.`);
      const escape = text[at + 1] ?? '';
      if (escape === 'u') {
        const hex = text.slice(at + 2, at + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new ParseError(`Bad \\u escape at position ${at}.`);
        out += String.fromCharCode(parseInt(hex, 16));
        at += 6;
      } else {
        const replacement = ESCAPES[escape];
        if (replacement === undefined) throw new ParseError(`Bad escape at position ${at}.`);
        out += replacement;
        at += 2;
      }
    }
  }

  function parseNumber(): number | JsonNumber {
    NUMBER.lastIndex = at;
    const match = NUMBER.exec(text);
    if (!match) throw new ParseError(`Unexpected character at position ${at}.`);
    at = NUMBER.lastIndex;
    const token = match[0];
    const value = Number(token);
    const isInteger = match[1] === undefined && match[2] === undefined;
    if (isInteger) {
      if (Number.isSafeInteger(value)) return value === 0 ? 0 : value; // Python has no integer -0
      return new JsonNumber('integer', token.replace(/^-0$/, '0'));
    }
    if (!Number.isFinite(value)) return new JsonNumber('nonfinite', value > 0 ? 'Infinity' : '-Infinity');
    return value;
  }

  function parseValue(depth: number): JsonValue {
    skipWhitespace();
    const char = text[at];
    switch (char) {
      case '{':
      case '[':
        if (depth >= LIMITS.maxJsonDepth) {
          throw new ParseError(`JSON is nested deeper than ${LIMITS.maxJsonDepth} levels.`, true);
        }
        return char === '{' ? parseObject(depth + 1) : parseArray(depth + 1);
      case '"':
        return parseString();
      case 't':
        expectWord('true');
        return true;
      case 'f':
        expectWord('false');
        return false;
      case 'n':
        expectWord('null');
        return null;
    }
    if (options.allowNonFinite) {
      for (const word of ['NaN', 'Infinity', '-Infinity']) {
        if (text.startsWith(word, at)) {
          at += word.length;
          return new JsonNumber('nonfinite', word);
        }
      }
    }
    if (char === undefined) throw new ParseError('Unexpected end of JSON.');
    return parseNumber();
  }

  function parseArray(depth: number): JsonValue[] {
    at++;
    const out: JsonValue[] = [];
    skipWhitespace();
    if (text[at] === ']') {
      at++;
      return out;
    }
    for (;;) {
      out.push(parseValue(depth));
      skipWhitespace();
      const char = text[at++];
      if (char === ']') return out;
      if (char !== ',') throw new ParseError(`Expected ',' or ']' at position ${at - 1}.`);
    }
  }

  function parseObject(depth: number): JsonObject {
    at++;
    const out: JsonObject = new Map();
    skipWhitespace();
    if (text[at] === '}') {
      at++;
      return out;
    }
    for (;;) {
      skipWhitespace();
      if (text[at] !== '"') throw new ParseError(`Expected a string key at position ${at}.`);
      const key = parseString();
      skipWhitespace();
      if (text[at++] !== ':') throw new ParseError(`Expected ':' at position ${at - 1}.`);
      out.set(key, parseValue(depth));
      skipWhitespace();
      const char = text[at++];
      if (char === '}') return out;
      if (char !== ',') throw new ParseError(`Expected ',' or '}' at position ${at - 1}.`);
    }
  }

  try {
    const value = parseValue(0);
    skipWhitespace();
    if (at !== text.length) throw new ParseError(`Unexpected text after JSON at position ${at}.`);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, tooDeep: error.tooDeep, message: error.message };
    throw error;
  }
}

export function isJsonObject(value: JsonValue): value is JsonObject {
  return value instanceof Map;
}
