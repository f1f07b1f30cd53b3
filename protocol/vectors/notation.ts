/**
 * Builds native JavaScript values from the vectors' input notation (protocol/vectors/README.md):
 * plain JSON stands for itself; a one-member object whose name starts with `@` is a constructor.
 * Python builds its own values from the same notation (adapters/flask/tests/notation.py).
 */

export type Notation = null | boolean | number | string | Notation[] | { [key: string]: Notation };

/** Constructors JavaScript has; a vector using another one is marked `"only": "python"`. */
export function build(input: Notation): unknown {
  let root: unknown;
  function make(node: Notation): unknown {
    if (node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map(make);
    const names = Object.keys(node);
    const ctor = names.find((n) => n.startsWith('@'));
    if (ctor === undefined) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) {
        Object.defineProperty(out, k, {
          value: make(v),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    const arg = node[ctor]!;
    switch (ctor) {
      case '@object': {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(arg as Record<string, Notation>)) {
          Object.defineProperty(out, k, {
            value: make(v),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        return out;
      }
      case '@date':
        return new Date(arg === null ? NaN : Date.parse(arg as string));
      case '@bigint':
        return BigInt(arg as string);
      case '@undefined':
        return undefined;
      case '@number':
        return arg === '-0' ? -0 : Number(arg);
      case '@map':
        return new Map((arg as Notation[][]).map(([k, v]) => [make(k!), make(v!)]));
      case '@set':
        return new Set((arg as Notation[]).map(make));
      case '@bytes': {
        const bytes = Uint8Array.from(Buffer.from(arg as string, 'base64url'));
        const type = node.type as string;
        if (type === 'Buffer') return Buffer.from(bytes);
        if (type === 'Uint8Array') return bytes;
        throw new Error(`@bytes type ${type} has no JavaScript counterpart`);
      }
      case '@instance': {
        // A class whose name is the vector's, built at run time.
        const Class = { [arg as string]: class {} }[arg as string]!;
        const instance = new Class() as Record<string, unknown>;
        for (const [k, v] of Object.entries((node.fields ?? {}) as Record<string, Notation>))
          instance[k] = make(v);
        return instance;
      }
      case '@error': {
        const { name, message } = arg as { name: string; message: string };
        const error = new Error(message);
        error.name = name;
        return error;
      }
      case '@string-object':
        return new String(arg as string);
      case '@repeat': {
        const { text, times } = arg as { text: string; times: number };
        return text.repeat(times);
      }
      case '@root':
        return ROOT;
      default:
        throw new Error(`notation ${ctor} has no JavaScript counterpart`);
    }
  }
  const ROOT = Symbol('root');
  root = make(input);
  // Second pass: replace the @root placeholders by the root itself (cycles).
  const seen = new Set<unknown>();
  function link(value: unknown): void {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach((v, i) => (v === ROOT ? (value[i] = root) : link(v)));
    } else if (value instanceof Map) {
      for (const [k, v] of value) {
        if (v === ROOT) value.set(k, root);
        else link(v);
      }
    } else if (value instanceof Set || value instanceof Date) {
      return;
    } else {
      for (const k of Object.keys(value)) {
        const v = (value as Record<string, unknown>)[k];
        if (v === ROOT) (value as Record<string, unknown>)[k] = root;
        else link(v);
      }
    }
  }
  link(root);
  return root;
}

/** Whether a vector applies to the TypeScript implementation. */
export function forTypeScript(vector: { only?: string }): boolean {
  return vector.only === undefined || vector.only === 'ts';
}
