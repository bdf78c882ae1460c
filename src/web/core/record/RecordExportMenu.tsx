import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import { BUILT_IN_FORMATS, ExportButton } from '../list/ExportMenu.js';
import type { EntityRecord } from '../records.js';

/** Export one record with its lines (M8.d: one opportunity with its products), as Excel or CSV. */
export function RecordExportMenu({ entity, record }: { entity: EntityDef; record: EntityRecord }) {
  const { i18n } = useTranslation();
  return (
    <ExportButton
      formats={[...BUILT_IN_FORMATS].reverse()}
      hrefOf={(format) => `/api/v1/${entity.path}/${record.id}/export?format=${format}&locale=${encodeURIComponent(i18n.language)}`}
    />
  );
}
