export * from './commands.js';
export * from './layout.js';
export * from './similarity.js';
