export * from './region.js';
export * from './roles.js';
export * from './org.js';
export * from './api.js';
export type * from './seeds/types.js';
export * from './sites.js';
