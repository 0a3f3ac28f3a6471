import type { Browser } from 'playwright-core';
import type { CodeServer } from '../code-server.mjs';

export const CHROMIUM_ARGS: string[];
export function launchChromium(options?: { headless?: boolean; homeDir?: string }): Promise<Browser>;
export function workbenchUrl(
  server: Pick<CodeServer, 'url' | 'authority'>,
  options?: {
    folder?: string;
    extensionDevelopmentPath?: string;
    extensionTestsPath?: string;
    extensionEnvironment?: Record<string, string>;
  },
): string;
