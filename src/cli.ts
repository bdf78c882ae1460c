import { Command } from 'commander';
import { sql } from 'kysely';
import { readConfig } from './server/config.js';
import { openDatabase } from './server/db/database.js';
import { migrate } from './server/db/migrate.js';
import { settleInstallation } from './server/core/installation.js';
import { serve } from './server/main.js';

// Commands other than serve load their code when run: a server's cold start reads only what serving needs (issue 14).
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

program.command('backup <file>').description('copy the database to <file> while it is in use: SQLite online backup, PostgreSQL pg_dump -Fc')
  .action(async (file: string) => {
    const { backupDatabase } = await import('./server/ops/backup-restore.js');
    await backupDatabase(readConfig().databaseUrl, file);
    console.log(`Backed up to ${file}`);
  });

program.command('restore <file>').description('replace the database with a backup from `rapport backup` (the current one is kept beside it; older backups are migrated)')
  .option('--force', 'PostgreSQL: restore even while other sessions are connected to the database')
  .action(async (file: string, o: { force?: boolean }) => {
    const { restoreDatabase } = await import('./server/ops/backup-restore.js');
    const r = await restoreDatabase(readConfig().databaseUrl, file, { force: o.force });
    console.log(`Restored ${file}.${r.kept ? ` The replaced data is kept at ${r.kept}.` : ''}${r.migrated.length ? ` Migrated: ${r.migrated.join(', ')}.` : ''}`);
  });

program.command('seed').description('fill the database with demo data (migrates first)')
  .option('--demo', 'a demo company: Korean, Chinese and English customers')
  .option('--customers <n>', 'how many customers (default 200)', (v) => Number(v))
  .option('--currency <code>', 'the installation\'s currency when none is chosen yet (default: from the system locale, e.g. ko_KR → KRW)')
  .option('--time-zone <zone>', 'the installation\'s time zone when none is chosen yet (default: the system\'s, e.g. Asia/Seoul)')
  .action(async (o: { demo?: boolean; customers?: number; currency?: string; timeZone?: string }) => {
    if (!o.demo) throw new Error('say what to seed: rapport seed --demo [--customers N] [--currency KRW] [--time-zone Asia/Seoul]');
    const [{ seedDemo }, { seedDemoRelations }, { seedDemoSales }, { seedDemoService }] = await Promise.all([
      import('./server/seed/demo.js'), import('./server/seed/demo-relations.js'), import('./server/seed/demo-sales.js'), import('./server/seed/demo-service.js'),
    ]);
    const db = openDatabase(readConfig().databaseUrl);
    try {
      await migrate(db);
      // Amounts are written in the currency's minor units: settle it now, not by whoever opens the app first.
      const settled = await settleInstallation(db.kysely, { currency: o.currency, timeZone: o.timeZone });
      console.log(`Currency ${settled.currency}, time zone ${settled.timeZone} (change them in Settings).`);
      const { rows: top } = await sql<{ m: number | null }>`SELECT max(id) AS m FROM customers`.execute(db.kysely);
      const r = await seedDemo(db, { customers: o.customers, onProgress: (d, t) => { if (t >= 50_000) process.stderr.write(`\r${d}/${t}`); } });
      if (r.customers >= 50_000) process.stderr.write('\n');
      console.log(`Added ${r.customers} demo customers${r.firstCode ? ` from ${r.firstCode}` : ''} in ${(r.ms / 1000).toFixed(1)} s (${r.rowsPerSecond} rows/s).`);
      // Contacts, memberships, activities, products, opportunities and sales make a demo look alive; a bulk-sized seed stays customers only.
      if (r.customers > 0 && r.customers <= 5000) {
        const { rows } = await sql<{ id: number }>`SELECT id FROM customers WHERE id > ${Number(top[0]?.m ?? 0)} ORDER BY id`.execute(db.kysely);
        const ids = rows.map((row) => Number(row.id));
        const x = await seedDemoRelations(db, ids);
        console.log(`Added ${x.contacts} contacts, ${x.memberships} group memberships and ${x.activities} activities.`);
        const y = await seedDemoSales(db, ids);
        console.log(`Added ${y.products} products, ${y.opportunities} opportunities with their lines and stage history, and ${y.sales} sales.`);
        const z = await seedDemoService(db, ids);
        console.log(`Added ${z.feedback} service feedback requests and ${z.expenses} expenses.`);
      }
      // The seed writes in bulk, past the record service's hooks: the duplicate finder's keys are made for it now.
      const [{ rebuildKeys }, { ENTITIES }] = await Promise.all([import('./server/core/duplicates/keys.js'), import('./shared/entities/registry.js')]);
      await rebuildKeys(db, ENTITIES);
    } finally {
      await db.close();
    }
  });

program.command('import <entities> <file>').description('import a CSV, TSV or XLSX file into an entity (customers, contacts, …) as the Import button does; prints progress and the report')
  .option('--mode <mode>', 'create, update or upsert', 'create')
  .option('--match <fields>', 'fields that find the record to update, comma-separated (code, email, name,city)')
  .option('--multiple <rule>', 'a row matching several records: error, first or skip', 'error')
  .option('--encoding <encoding>', 'auto, utf-8, utf-16le, utf-16be, cp949, gb18030, big5 or shift_jis', 'auto')
  .option('--delimiter <char>', 'the delimiter of a text file (detected when left out)')
  .option('--sheet <name>', 'the sheet of a workbook (the first when left out)')
  .option('--locale <locale>', 'how dates, numbers and names are read: en, ko or zh-CN', 'en')
  .option('--create-missing-values', 'create dictionary values the file names that do not exist yet')
  .option('--dry-run', 'check every row and report, saving nothing')
  .option('--user <email>', 'whose rights and name the import runs with (the first user when left out)')
  .action(async (entities: string, file: string, o: { mode: string; match?: string; multiple: string; encoding: string; delimiter?: string; sheet?: string; locale: string; createMissingValues?: boolean; dryRun?: boolean; user?: string }) => {
    const { runImportCommand } = await import('./server/core/import/cli-import.js');
    process.exitCode = await runImportCommand(readConfig().databaseUrl, entities, file, o);
  });

const user = program.command('user').description('accounts on this server (a team server signs everyone in)');
user.command('list').description('every account: id, name, email, active, roles').action(async () => {
  const { listUsers } = await import('./server/auth/cli-users.js');
  const db = openDatabase(readConfig().databaseUrl);
  try {
    await migrate(db);
    for (const u of await listUsers(db)) console.log(`${u.id}\t${u.name}\t${u.email ?? '-'}\t${u.active ? 'active' : 'inactive'}\t${u.roles}`);
  } finally {
    await db.close();
  }
});
user.command('reset-password <email>').description('set a new password (read from RAPPORT_PASSWORD, else the first line of standard input); ends that user\'s sessions')
  .action(async (email: string) => {
    const { resetPasswordFromCli } = await import('./server/auth/cli-users.js');
    const password = process.env.RAPPORT_PASSWORD ?? await firstLine();
    const db = openDatabase(readConfig().databaseUrl);
    try {
      await migrate(db);
      const id = await resetPasswordFromCli(db, email, password);
      console.log(`The password of user ${id} (${email}) is reset; their sessions have ended.`);
    } finally {
      await db.close();
    }
  });

/** The first line of standard input (a password piped in, so it never appears in the shell's history or `ps`). */
async function firstLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0];
}

program.parseAsync().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
