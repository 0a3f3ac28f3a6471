import type { CliIo } from './io';
import { UsageError } from './io';

/** `connector-playbook waves` — not built yet. */
export async function wavesCommand(_args: string[], _io: CliIo): Promise<number> {
  throw new UsageError('"waves" is not available yet');
}
