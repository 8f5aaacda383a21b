export * from './crs.js';
export * from './area.js';
export * from './rings.js';
export * from './corner-points.js';
export * from './import-issues.js';
export * from './geojson-reader.js';
