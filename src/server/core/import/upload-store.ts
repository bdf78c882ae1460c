import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';

/** Bytes per stored piece: big enough to be few, small enough that reading one back costs nothing. */
const CHUNK = 1024 * 1024;
/** How long an upload that no job used is kept (a wizard left open overnight). */
const KEEP_MS = 24 * 3600_000;

export interface UploadInfo { id: string; entity: string; fileName: string; size: number; createdBy: number | null }

export class UploadTooLarge extends Error {}

/**
 * Keeps an uploaded file in the database (any server instance can then read it, and a job resumes
 * after a restart): it streams to a temporary file first, so the write transaction never waits on
 * the network, then goes in as 1 MiB pieces in one transaction.
 */
export async function saveUpload(db: Database, entity: string, fileName: string, file: Readable, userId: number, maxBytes: number): Promise<UploadInfo> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'rapport-import-'));
  const tmp = path.join(dir, 'file');
  try {
    let size = 0;
    const count = new Transform({ transform(c: Buffer, _e, done) { size += c.length; if (size > maxBytes) done(new UploadTooLarge('too large')); else done(null, c); } });
    await pipeline(file, count, fs.createWriteStream(tmp));
    const id = crypto.randomUUID();
    await db.kysely.transaction().execute(async (trx) => {
      await sql`INSERT INTO import_uploads (id, entity, file_name, size, created_by, created_at) VALUES (${id}, ${entity}, ${fileName.slice(0, 200)}, ${size}, ${userId}, ${new Date().toISOString()})`.execute(trx);
      const fd = await fs.promises.open(tmp, 'r');
      try {
        const buf = Buffer.alloc(CHUNK);
        for (let seq = 0; ; seq++) {
          const { bytesRead } = await fd.read(buf, 0, CHUNK, seq * CHUNK);
          if (bytesRead === 0) break;
          await sql`INSERT INTO import_upload_chunks (upload_id, seq, data) VALUES (${id}, ${seq}, ${Buffer.from(buf.subarray(0, bytesRead))})`.execute(trx);
        }
      } finally {
        await fd.close();
      }
    });
    return { id, entity, fileName, size, createdBy: userId };
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

export async function uploadInfo(db: Database, id: string): Promise<UploadInfo | null> {
  const { rows } = await sql<{ id: string; entity: string; file_name: string; size: number; created_by: number | null }>`SELECT id, entity, file_name, size, created_by FROM import_uploads WHERE id = ${id}`.execute(db.kysely);
  const r = rows[0];
  return r ? { id: r.id, entity: r.entity, fileName: r.file_name, size: Number(r.size), createdBy: r.created_by === null ? null : Number(r.created_by) } : null;
}

const asBuffer = (d: unknown): Buffer => (Buffer.isBuffer(d) ? d : Buffer.from(d as Uint8Array));

/** The file as a stream, read back a piece at a time. */
export function uploadStream(db: Database, id: string): Readable {
  async function* pieces(): AsyncGenerator<Buffer> {
    for (let seq = 0; ; seq++) {
      const { rows } = await sql<{ data: unknown }>`SELECT data FROM import_upload_chunks WHERE upload_id = ${id} AND seq = ${seq}`.execute(db.kysely);
      if (!rows[0]) return;
      yield asBuffer(rows[0].data);
    }
  }
  return Readable.from(pieces(), { objectMode: false });
}

/** The file's first bytes (what the encoding and format are told from). */
export async function uploadHead(db: Database, id: string): Promise<Buffer> {
  const { rows } = await sql<{ data: unknown }>`SELECT data FROM import_upload_chunks WHERE upload_id = ${id} AND seq = 0`.execute(db.kysely);
  return rows[0] ? asBuffer(rows[0].data).subarray(0, 64 * 1024) : Buffer.alloc(0);
}

/** Drops the file (a finished job's, or one nobody used for a day). */
export async function removeUpload(db: Database, id: string): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await sql`DELETE FROM import_upload_chunks WHERE upload_id = ${id}`.execute(trx);
    await sql`DELETE FROM import_uploads WHERE id = ${id}`.execute(trx);
  });
}

/** Uploads older than a day that no unfinished job needs. */
export async function removeStaleUploads(db: Database, now = Date.now()): Promise<void> {
  const { rows } = await sql<{ id: string }>`SELECT id FROM import_uploads u WHERE created_at < ${new Date(now - KEEP_MS).toISOString()}
    AND NOT EXISTS (SELECT 1 FROM import_jobs j WHERE j.upload_id = u.id AND j.status IN ('queued', 'running'))`.execute(db.kysely);
  for (const r of rows) await removeUpload(db, r.id);
}
