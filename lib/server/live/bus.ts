/**
 * A live bus: "channel C has an event with sequence number S" after an append commits, delivered to
 * every subscriber of C. It carries no content: a subscriber reads what it needs from the database
 * (the log is the source of truth), so a lost or repeated notice costs a read, never data. The
 * in-process bus serves one instance (the SQLite default); pg-bus.ts spans instances.
 */
import { EventEmitter } from "node:events";

/** `seq` is the newest committed sequence number; -1 means "you may have missed some: re-read". */
export type LiveListener = (seq: number) => void;

export interface LiveBus {
  publish(channel: string, seq: number): Promise<void>;
  /** Returns the function that unsubscribes. */
  subscribe(channel: string, listener: LiveListener): () => void;
  close(): Promise<void>;
}

/** Local fan-out shared by both buses. */
export class LocalFanOut {
  private readonly emitter = new EventEmitter();
  constructor() {
    // One listener per open stream: many viewers of many sessions are expected.
    this.emitter.setMaxListeners(0);
  }
  deliver(channel: string, seq: number): void {
    this.emitter.emit(channel, seq);
  }
  /** Every subscriber of every channel (after a reconnect, when notices may have been lost). */
  deliverToAll(seq: number): void {
    for (const name of this.emitter.eventNames()) this.emitter.emit(name, seq);
  }
  subscribe(channel: string, listener: LiveListener): () => void {
    this.emitter.on(channel, listener);
    return () => this.emitter.off(channel, listener);
  }
  listenerCount(): number {
    return this.emitter.eventNames().reduce((n, e) => n + this.emitter.listenerCount(e), 0);
  }
}

/** The bus of a single instance: notices go to this process's subscribers only. */
export function createMemoryBus(): LiveBus {
  const local = new LocalFanOut();
  return {
    async publish(channel, seq) {
      local.deliver(channel, seq);
    },
    subscribe: (channel, listener) => local.subscribe(channel, listener),
    async close() {},
  };
}
