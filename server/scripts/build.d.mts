import type { Plugin } from 'esbuild';

export const ON_FIRST_USE: Record<string, { external: true } | { constructors: 'module' | string[] }>;
export function standIn(real: string, constructors: 'module' | string[]): string;
export function onFirstUse(outdir: string): Plugin;
export function zodEnglishOnly(): Plugin;
export function buildServer(options?: { bench?: boolean; out?: string; minify?: boolean }): Promise<string>;
