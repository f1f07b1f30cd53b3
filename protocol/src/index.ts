export * from './constants.js';
export * from './errors.js';
export * from './keys.js';
export * from './typed-value.js';
export * from './payload.js';
export * from './header.js';
export * from './jwe.js';
