import type { Plugin } from 'esbuild';

export type StandIn = { constructors: 'module' | string[] } | { functions: string[] };
export const ON_FIRST_USE: Record<string, { external: true } | StandIn>;
export function standIn(real: string, how: StandIn): string;
export function onFirstUse(outdir: string): Plugin;
export function zodEnglishOnly(): Plugin;
export function buildServer(options?: { bench?: boolean; out?: string; minify?: boolean }): Promise<string>;
