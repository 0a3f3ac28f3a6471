import type { CliIo } from './io';
import { UsageError } from './io';

/** `connector-playbook new` — not built yet. */
export async function newCommand(_args: string[], _io: CliIo): Promise<number> {
  throw new UsageError('"new" is not available yet');
}
