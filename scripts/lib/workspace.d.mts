export function defaultWorkspace(env?: NodeJS.ProcessEnv): string;
export function copyWorkspace(src: string, parentDir: string, files?: Record<string, string>): string;
