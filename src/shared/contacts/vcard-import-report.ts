/** What a vCard import reports (server writes it, web shows it): every card with its fate. */
export interface ImportRow {
  card: number;
  name: string | null;
  customer: string | null;
  action: 'created' | 'skipped';
  reason?: string;
}

export interface ImportReport {
  dryRun: boolean;
  created: number;
  skipped: number;
  customersCreated: number;
  errors: { card: number; field: string; message: string }[];
  rows: ImportRow[];
}
