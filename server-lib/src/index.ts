export { sessionscope, type SessionMiddleware } from './sessionscope.js';
export type { SessionscopeOptions } from './options.js';
export { MemoryPayloadStore, type PayloadStore, type MemoryPayloadStoreOptions } from './payload-store.js';
export { DEFAULT_REDACT, type RedactOption, type RedactRule } from './redact.js';
