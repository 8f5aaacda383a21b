export * from './crs.js';
export * from './area.js';
export * from './rings.js';
export * from './corner-points.js';
