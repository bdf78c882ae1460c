import type { TFunction } from 'i18next';
import type { PreviewField } from './importDraft.js';

/** A field's name as the server labels it (already translated, or an i18n key). */
export const fieldLabel = (t: TFunction, f: Pick<PreviewField, 'label' | 'name'>) => (f.label ? t(f.label, { defaultValue: f.label }) : f.name);
