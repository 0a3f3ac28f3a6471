// The form's side of "one edit at a time, against a known version". Changes the user makes are
// shown at once (optimistically) and sent one after another: each carries the version the previous
// one left, so the extension never sees a burst of edits against a version that no longer exists,
// while an edit queued before a change made elsewhere is refused there instead of applied blindly.
import type { FormChange } from '../src/protocol/mappingMessages';

export interface EditRequest {
  type: 'edit';
  id: number;
  version: number;
  change: FormChange;
}

export interface EditOutcome {
  id: number;
  ok: boolean;
  version: number;
}

export class EditQueue {
  private pending: FormChange[] = [];
  private inFlight: { id: number; change: FormChange } | undefined;
  private nextId = 1;
  /** The document version the form's view is based on (its own landed edits included). */
  private base: number;
  private synced = false;

  constructor(
    private readonly send: (request: EditRequest) => void,
    initialVersion: number,
  ) {
    this.base = initialVersion;
  }

  get version(): number {
    return this.base;
  }

  /** Nothing queued and nothing on its way. */
  get idle(): boolean {
    return this.inFlight === undefined && this.pending.length === 0;
  }

  /** Queues a change; it is sent once every earlier one has landed. */
  push(change: FormChange): void {
    this.pending.push(change);
    this.pump();
  }

  private pump(): void {
    if (!this.synced || this.inFlight || this.pending.length === 0) return;
    const change = this.pending.shift()!;
    const id = this.nextId++;
    this.inFlight = { id, change };
    this.send({ type: 'edit', id, version: this.base, change });
  }

  /** The extension answered an edit. Returns false for an answer to nothing we sent. */
  settle(outcome: EditOutcome): boolean {
    if (!this.inFlight || outcome.id !== this.inFlight.id) return false;
    this.inFlight = undefined;
    if (outcome.ok) {
      this.base = outcome.version;
      this.pump();
    } else {
      // What was queued was made on top of the refused change: it goes too.
      this.pending = [];
    }
    return true;
  }

  /**
   * A state arrived. Returns whether the form should show it now: only when idle and not older than
   * what the form already shows. The first state after `ready` starts the sending.
   */
  accept(version: number): boolean {
    if (!this.synced) {
      this.synced = true;
      if (version !== this.base) {
        // The document moved on before the form was in sync: changes made meanwhile are void.
        this.pending = [];
        this.base = version;
        return true;
      }
      this.pump();
      return this.idle;
    }
    if (!this.idle || version < this.base) return false;
    this.base = version;
    return true;
  }

  /** How many changes were dropped or are waiting (for the status line). */
  get waiting(): number {
    return this.pending.length + (this.inFlight ? 1 : 0);
  }
}
