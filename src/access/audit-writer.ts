/**
 * The audit writer (审计日志写入): entries are buffered in memory and written in batches — every
 * `flushIntervalMs` (1 s) or as soon as `maxBatch` (500) are waiting — as one multi-row INSERT each
 * (AuditRepository.append). Recording never blocks and never throws: a query pays for a push onto an
 * array. A failed batch is logged and kept for the next flush (up to `maxBuffered` entries; beyond
 * that the oldest are dropped and counted, loudly). `close()` flushes what is left (on shutdown).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditRepository, type AuditEntryInput } from '../db/repositories/audit.repository';
import type { Principal } from './principal';

export type { AuditEntryInput };

/** Where batches go (AuditRepository in production, a fake in unit tests). */
export interface AuditSink {
  append(entries: readonly AuditEntryInput[]): Promise<number>;
}

/** A sink writing through a fresh EntityManager per batch. */
export function auditSinkFor(em: () => EntityManager): AuditSink {
  return { append: (entries) => new AuditRepository(em()).append(entries) };
}

export interface AuditWriterOptions {
  flushIntervalMs?: number;
  maxBatch?: number;
  /** Entries kept while the database is failing; older ones are dropped beyond this. */
  maxBuffered?: number;
  onError?: (message: string) => void;
}

export interface AuditWriterStats {
  written: number;
  failedBatches: number;
  dropped: number;
  pending: number;
}

/** A read of personal data: which entities of one type, which of their fields. */
export interface AuditRead {
  operation?: string | null;
  entityType: string;
  entityIds: readonly number[];
  fields: readonly string[];
  detail?: Record<string, unknown>;
}

/** A write: what was done to which entity. */
export interface AuditWrite {
  operation?: string | null;
  action: string;
  entityType: string;
  entityId?: number | null;
  fields?: readonly string[];
  detail?: Record<string, unknown>;
}

export class AuditWriter {
  private buffer: AuditEntryInput[] = [];
  private readonly timer: NodeJS.Timeout;
  private inFlight: Promise<void> = Promise.resolve();
  private flushing = false;
  private closed = false;
  private readonly intervalMs: number;
  private readonly maxBatch: number;
  private readonly maxBuffered: number;
  private readonly counts = { written: 0, failedBatches: 0, dropped: 0 };

  constructor(
    private readonly sink: AuditSink,
    private readonly options: AuditWriterOptions = {},
  ) {
    this.intervalMs = options.flushIntervalMs ?? 1000;
    this.maxBatch = options.maxBatch ?? 500;
    this.maxBuffered = options.maxBuffered ?? 100_000;
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  /** Buffers one entry (stamped now); a full batch is flushed at once, in the background. */
  record(entry: AuditEntryInput): void {
    if (this.closed) {
      this.options.onError?.(`audit entry after close (written directly): ${entry.action} ${entry.entityType ?? ''} ${entry.entityId ?? ''} by ${entry.actor}`);
      this.sink.append([{ ...entry, at: entry.at ?? new Date() }]).catch((e: unknown) => this.options.onError?.(`audit entry lost: ${message(e)}`));
      return;
    }
    this.buffer.push({ ...entry, at: entry.at ?? new Date() });
    if (this.buffer.length > this.maxBuffered) {
      const drop = this.buffer.length - this.maxBuffered;
      this.buffer.splice(0, drop);
      this.counts.dropped += drop;
      this.options.onError?.(`audit buffer over ${this.maxBuffered} entries (the database is not taking them): dropped the ${drop} oldest`);
    }
    if (this.buffer.length >= this.maxBatch && !this.flushing) void this.flush();
  }

  /** One entry per entity read, with the fields read. */
  recordRead(p: Principal, read: AuditRead): void {
    const at = new Date();
    for (const id of read.entityIds) {
      this.record({ at, actor: p.id, actorRole: roleOf(p), action: 'read', entityType: read.entityType, entityId: id, fields: read.fields, operation: read.operation ?? null, detail: read.detail });
    }
  }

  recordWrite(p: Principal, write: AuditWrite): void {
    this.record({ actor: p.id, actorRole: roleOf(p), action: write.action, entityType: write.entityType, entityId: write.entityId ?? null, fields: write.fields ?? null, operation: write.operation ?? null, detail: write.detail });
  }

  /** Writes everything buffered now (batches of `maxBatch`, one after another); never rejects. */
  flush(): Promise<void> {
    this.inFlight = this.inFlight.then(() => this.drain());
    return this.inFlight;
  }

  private async drain(): Promise<void> {
    this.flushing = true;
    try {
      while (this.buffer.length > 0) {
        const batch = this.buffer.splice(0, this.maxBatch);
        try {
          this.counts.written += await this.sink.append(batch);
        } catch (e) {
          this.counts.failedBatches++;
          this.buffer.unshift(...batch);
          this.options.onError?.(`audit batch of ${batch.length} entries not written (kept for the next flush, ${this.buffer.length} pending): ${message(e)}`);
          return;
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Stops the timer and flushes what is left (a failing database gets one more try). */
  async close(): Promise<void> {
    if (this.closed) return;
    clearInterval(this.timer);
    await this.flush();
    if (this.buffer.length > 0) await this.flush();
    this.closed = true;
    if (this.buffer.length > 0) this.options.onError?.(`audit writer closed with ${this.buffer.length} entries not written`);
  }

  get stats(): AuditWriterStats {
    return { ...this.counts, pending: this.buffer.length };
  }
}

const roleOf = (p: Principal): string => (p.department ? `${p.role}:${p.department}` : p.role);

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
