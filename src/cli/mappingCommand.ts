import type { CliIo } from './io';
import { UsageError } from './io';

/** `connector-playbook mapping` — not built yet. */
export async function mappingCommand(_args: string[], _io: CliIo): Promise<number> {
  throw new UsageError('"mapping" is not available yet');
}
