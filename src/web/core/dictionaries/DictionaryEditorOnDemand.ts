import { onDemandDialog } from '../onDemandDialog.js';

/** The dictionary editor (with its drag and drop): every form offers it beside a dictionary field, and few open it. */
export const DictionaryEditorOnDemand = onDemandDialog(() => import('./DictionaryEditorDialog.js').then((m) => m.DictionaryEditorDialog), (p) => p.opened);
