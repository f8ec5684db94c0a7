export function serverRuntime(): { nodeFlags: string[]; env: Record<string, string> };
export function serverEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
