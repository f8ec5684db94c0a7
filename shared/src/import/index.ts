export * from './cards.js';
export * from './csv.js';
