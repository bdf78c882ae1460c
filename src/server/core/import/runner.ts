import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { restoreAllPendingIndexes } from '../../db/bulk-load.js';
import { runJob, type StopSignal } from './pipeline.js';
import { removeStaleUploads } from './upload-store.js';

/** A PostgreSQL job whose runner has not written for this long is taken to be dead (another instance may be running it). */
const STALE_MS = 60_000;

/**
 * Runs a database's import jobs one after another in this process (each chunk is a transaction;
 * several jobs at once would only take turns for the same write lock). Stopping lets the chunk in
 * hand commit and leaves the job "running": the next start resumes it after its last landed row.
 */
export class ImportRunner {
  private queue: number[] = [];
  private current: Promise<void> | null = null;
  private readonly signal: StopSignal = { stopping: false };

  constructor(private readonly db: Database, private readonly onError: (e: unknown) => void) {}

  enqueue(jobId: number): void {
    if (this.signal.stopping || this.queue.includes(jobId)) return;
    this.queue.push(jobId);
    if (!this.current) this.current = this.drain();
  }

  private async drain(): Promise<void> {
    for (let id = this.queue.shift(); id !== undefined && !this.signal.stopping; id = this.queue.shift()) {
      try { await runJob(this.db, id, this.signal); } catch (e) { this.onError(e); }
    }
    this.current = null;
  }

  /** Resumes what a stopped server left: jobs still running (on SQLite every one; on PostgreSQL those silent for a minute) or queued. */
  async resume(): Promise<void> {
    // A load stopped half-way left its table without indexes: put them back before anyone lists it.
    await restoreAllPendingIndexes(this.db);
    const cutoff = new Date(Date.now() - (this.db.dialect === 'sqlite' ? 0 : STALE_MS)).toISOString();
    const { rows } = await sql<{ id: number }>`SELECT id FROM import_jobs WHERE status = 'queued'
      OR (status = 'running' AND (heartbeat_at IS NULL OR heartbeat_at <= ${cutoff})) ORDER BY id`.execute(this.db.kysely);
    for (const r of rows) this.enqueue(Number(r.id));
    await removeStaleUploads(this.db);
  }

  /** Waits for the job in hand to reach the end of its chunk. */
  async stop(): Promise<void> {
    this.signal.stopping = true;
    this.queue = [];
    await this.current;
  }

  /** Resolves when every queued job has ended (tests and the CLI wait for a job this way). */
  async idle(): Promise<void> {
    while (this.current) await this.current;
  }
}
