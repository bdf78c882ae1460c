import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp, type RapportApp } from '../../src/server/app.js';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** Creates an empty database and returns its URL; `drop` removes it. */
  create(): Promise<{ url: string; drop(): Promise<void> }>;
}

const sqlite: TestDatabase = {
  name: 'sqlite',
  async create() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-test-'));
    return { url: `sqlite:${path.join(dir, 'test.db')}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  },
};

/** A fresh PostgreSQL database per test file, on the server TEST_DATABASE_URL points at. */
function postgres(adminUrl: string): TestDatabase {
  return {
    name: 'postgres',
    async create() {
      const name = `rapport_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        url: url.toString(),
        drop: async () => {
          const c = new pg.Client({ connectionString: adminUrl });
          await c.connect();
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await c.end();
        },
      };
    },
  };
}

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (DESIGN.md §6). CI must not skip PostgreSQL. */
if (process.env.CI && !process.env.TEST_DATABASE_URL) throw new Error('CI is set but TEST_DATABASE_URL is not: the PostgreSQL tests would be skipped');
export const DATABASES: TestDatabase[] = process.env.TEST_DATABASE_URL ? [sqlite, postgres(process.env.TEST_DATABASE_URL)] : [sqlite];

export interface TestApp { app: RapportApp; url: string; close(): Promise<void> }

export async function startApp(db: TestDatabase): Promise<TestApp> {
  const created = await db.create();
  const app = await buildApp({ databaseUrl: created.url });
  return { app, url: created.url, close: async () => { await app.close(); await created.drop(); } };
}
