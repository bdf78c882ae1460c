import { onDemandDialog } from '../onDemandDialog.js';

/** The create/edit dialog (its form, fields and validation) fetched when a list, tab or calendar first opens it. */
export const RecordDialogOnDemand = onDemandDialog(() => import('./RecordDialog.js').then((m) => m.RecordDialog), (p) => p.opened);

/** "View contact" (with the edit form behind its Edit button), fetched when a list first shows a record in it. */
export const RecordViewDialogOnDemand = onDemandDialog(() => import('./RecordViewDialog.js').then((m) => m.RecordViewDialog), (p) => p.record !== null);
