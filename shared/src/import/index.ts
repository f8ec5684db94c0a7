export * from './cards.js';
export * from './csv.js';
export * from './placement.js';
