// The protocol core runs in browsers and in Node and uses only these Web APIs.
// Declared here so that protocol/ type-checks with neither DOM nor Node types;
// the extension (DOM) and server-lib (@types/node) bring the real declarations.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
declare const crypto: {
  getRandomValues<T extends Uint8Array>(array: T): T;
  subtle: {
    digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
    importKey(format: 'raw', key: Uint8Array, algorithm: string, extractable: boolean, usages: string[]): Promise<unknown>;
  };
};
