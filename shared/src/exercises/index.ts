export * from './board.js';
export * from './content.js';
export * from './spine.js';
export * from './themes.js';
