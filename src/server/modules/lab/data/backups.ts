import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { notFound } from '../../../core/errors.js';
import { copySqlite } from '../../../ops/sqlite-copy.js';

/** Why a backup was kept: the action that replaced the data it holds. */
export const BACKUP_REASONS = ['reset', 'sample-data', 'restore'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export interface BackupInfo { name: string; size: number; createdAt: string; reason: BackupReason }

/**
 * Only names this feature writes: `lab-20261202-043725-123-reset.db` (UTC). Anything else —
 * a path, `..`, another file in the folder — is not a backup, so it is never read or deleted.
 */
const NAME = /^lab-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{3})-(reset|sample-data|restore)\.db$/;

export function parseBackupName(name: string): { createdAt: string; reason: BackupReason } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms, reason] = m;
  const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
  if (Number.isNaN(at.getTime())) return null;
  return { createdAt: at.toISOString(), reason: reason as BackupReason };
}

function nameFor(at: Date, reason: BackupReason): string {
  const iso = at.toISOString(); // 2026-12-02T04:37:25.123Z
  return `lab-${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${iso.slice(20, 23)}-${reason}.db`;
}

/** Beside the database file (the standalone app's data folder): `<data>/backups/`. */
export function backupsFolder(sqliteFile: string): string {
  return path.join(path.dirname(sqliteFile), 'backups');
}

export function listBackups(folder: string): BackupInfo[] {
  if (!fs.existsSync(folder)) return [];
  const items: BackupInfo[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const parsed = entry.isFile() ? parseBackupName(entry.name) : null;
    if (!parsed) continue;
    items.push({ name: entry.name, size: fs.statSync(path.join(folder, entry.name)).size, ...parsed });
  }
  return items.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
}

/** The file of a backup this feature wrote, or 404; a name that is not one of ours is 404 too (never a path). */
export function backupFile(folder: string, name: string): string {
  if (!parseBackupName(name)) throw notFound(`No backup named "${name.slice(0, 80)}"`);
  const file = path.join(folder, name);
  if (path.dirname(file) !== folder || !fs.existsSync(file)) throw notFound(`No backup named "${name}"`);
  return file;
}

/**
 * A consistent copy of the live database, written with VACUUM INTO on its own connection
 * (synchronously, so no other request's write lands between the copy and what follows).
 */
export function writeBackup(live: BetterSqlite3.Database, folder: string, reason: BackupReason, now = Date.now()): BackupInfo {
  fs.mkdirSync(folder, { recursive: true });
  let at = now;
  while (fs.existsSync(path.join(folder, nameFor(new Date(at), reason)))) at += 1;
  const name = nameFor(new Date(at), reason);
  const file = path.join(folder, name);
  copySqlite(live, file);
  return { name, size: fs.statSync(file).size, createdAt: new Date(at).toISOString(), reason };
}
