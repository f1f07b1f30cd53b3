export { sessionscope, type SessionMiddleware } from './sessionscope.js';
export type { SessionscopeOptions } from './options.js';
export { MemoryPayloadStore, type PayloadStore, type MemoryPayloadStoreOptions } from './payload-store.js';
export { DEFAULT_REDACT, type RedactOption, type RedactRule } from './redact.js';
export {
  RedisPayloadStore,
  StoreUnavailableError,
  type RedisPayloadClient,
  type RedisPayloadStoreOptions,
} from './stores/redis-payload-store.js';
