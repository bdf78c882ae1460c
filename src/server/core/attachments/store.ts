import fs from 'node:fs';
import { type Kysely, sql } from 'kysely';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { DbSchema } from '../../db/database.js';
import { notFound } from '../errors.js';

/** Bytes per stored chunk: a file goes in and out a chunk at a time. */
export const CHUNK_BYTES = 256 * 1024;

export interface AttachmentRow {
  id: number;
  entity: string;
  record_id: number;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  created_at: string;
  created_by: number | null;
}

/** A file received and checked, waiting in a temporary file to be stored. */
export interface ReceivedFile {
  path: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** Pieces of exactly CHUNK_BYTES (the last one shorter), whatever sizes the source reads in. */
async function* chunked(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let length = 0;
  for await (const piece of source) {
    pending.push(piece);
    length += piece.length;
    while (length >= CHUNK_BYTES) {
      const all = Buffer.concat(pending);
      yield all.subarray(0, CHUNK_BYTES);
      pending = [all.subarray(CHUNK_BYTES)];
      length = pending[0].length;
    }
  }
  if (length > 0) yield Buffer.concat(pending);
}

/** Whether the record exists and is not in Trash. */
export async function isLive(executor: Kysely<DbSchema>, entity: EntityDef, id: number): Promise<boolean> {
  const { rows } = await sql<{ deleted_at: unknown }>`SELECT deleted_at FROM ${sql.table(entity.table)} WHERE id = ${id}`.execute(executor);
  return rows.length === 1 && rows[0].deleted_at === null;
}

/** Writes the files as attachments of one record, inside the caller's transaction. */
export async function insertAttachments(trx: Kysely<DbSchema>, entity: EntityDef, recordId: number, files: readonly ReceivedFile[], userId: number): Promise<AttachmentRow[]> {
  const out: AttachmentRow[] = [];
  for (const f of files) {
    const createdAt = new Date().toISOString();
    const { rows } = await sql<{ id: number }>`INSERT INTO attachments (entity, record_id, file_name, content_type, size, sha256, created_at, created_by)
      VALUES (${entity.name}, ${recordId}, ${f.fileName}, ${f.contentType}, ${f.size}, ${f.sha256}, ${createdAt}, ${userId}) RETURNING id`.execute(trx);
    const id = Number(rows[0].id);
    let seq = 0;
    for await (const data of chunked(fs.createReadStream(f.path, { highWaterMark: CHUNK_BYTES }))) {
      await sql`INSERT INTO attachment_chunks (attachment_id, seq, data) VALUES (${id}, ${seq}, ${data})`.execute(trx);
      seq++;
    }
    out.push({ id, entity: entity.name, record_id: recordId, file_name: f.fileName, content_type: f.contentType, size: f.size, sha256: f.sha256, created_at: createdAt, created_by: userId });
  }
  return out;
}

/** A record's attachments, newest first. */
export async function listAttachments(executor: Kysely<DbSchema>, entity: EntityDef, recordId: number): Promise<AttachmentRow[]> {
  const { rows } = await sql<AttachmentRow>`SELECT id, entity, record_id, file_name, content_type, size, sha256, created_at, created_by
    FROM attachments WHERE entity = ${entity.name} AND record_id = ${recordId} ORDER BY id DESC`.execute(executor);
  return rows;
}

export async function findAttachment(executor: Kysely<DbSchema>, id: number): Promise<AttachmentRow | undefined> {
  const { rows } = await sql<AttachmentRow>`SELECT id, entity, record_id, file_name, content_type, size, sha256, created_at, created_by FROM attachments WHERE id = ${id}`.execute(executor);
  return rows[0];
}

/**
 * The file's bytes, one chunk per query, so a large download never sits whole in memory. A chunk
 * gone missing (the attachment deleted while it streams) ends the stream with an error, never with
 * silently short content.
 */
export async function* readAttachment(executor: Kysely<DbSchema>, a: AttachmentRow): AsyncGenerator<Buffer> {
  let sent = 0;
  for (let seq = 0; sent < a.size; seq++) {
    const { rows } = await sql<{ data: Uint8Array }>`SELECT data FROM attachment_chunks WHERE attachment_id = ${a.id} AND seq = ${seq}`.execute(executor);
    if (!rows[0]) throw notFound(`Attachment ${a.id} was deleted while it was read`);
    const data = Buffer.from(rows[0].data.buffer, rows[0].data.byteOffset, rows[0].data.byteLength);
    sent += data.length;
    yield data;
  }
}

/** Removes an attachment with its chunks (the foreign key cascades too; this does not rely on it). */
export async function deleteAttachment(trx: Kysely<DbSchema>, id: number): Promise<void> {
  await sql`DELETE FROM attachment_chunks WHERE attachment_id = ${id}`.execute(trx);
  await sql`DELETE FROM attachments WHERE id = ${id}`.execute(trx);
}
