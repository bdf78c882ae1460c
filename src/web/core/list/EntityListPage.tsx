import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import { usePageTitle } from '../../app/usePageTitle.js';
import { EntityList } from './EntityList.js';

/** The folder page every entity gets: its whole list under the heading "<Entity> list". */
export function EntityListPage({ entity }: { entity: EntityDef }) {
  const { t } = useTranslation();
  const title = t(`${entity.name}.list`);
  usePageTitle(title);
  return <EntityList entity={entity} title={title} />;
}
