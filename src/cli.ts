import { Command } from 'commander';
import { readConfig } from './server/config.js';
import { openDatabase } from './server/db/database.js';
import { migrate } from './server/db/migrate.js';
import { serve } from './server/main.js';

const program = new Command('rapport').description('Rapport CRM');

program.command('serve').description('migrate, then serve the app on http://127.0.0.1:3000')
  .option('--build-if-missing', 'build the web app first when it is missing or stale')
  .action(async (o: { buildIfMissing?: boolean }) => serve({ buildIfMissing: o.buildIfMissing }));

program.command('migrate').description('bring the database schema up to date').action(async () => {
  const db = openDatabase(readConfig().databaseUrl);
  try {
    const r = await migrate(db);
    console.log(r.applied.length ? `Applied: ${r.applied.join(', ')}${r.backup ? ` (backup: ${r.backup})` : ''}` : 'Already up to date.');
  } finally {
    await db.close();
  }
});

program.command('backup <file>').description('copy the SQLite database to <file> while it is in use (online backup)')
  .action(async (file: string) => {
    const db = openDatabase(readConfig().databaseUrl);
    try {
      if (!db.sqlite) throw new Error('backup is for the SQLite database; for PostgreSQL use pg_dump');
      await db.sqlite.backup(file);
      console.log(`Backed up to ${file}`);
    } finally {
      await db.close();
    }
  });

program.parseAsync().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
