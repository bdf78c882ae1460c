import type { EntityDef } from '../../../shared/entity/define.js';
import type { FieldFilter } from '../records.js';

interface Props {
  entity: EntityDef;
  value: FieldFilter[];
  onChange: (filters: FieldFilter[]) => void;
}

/** Filter controls of a list's toolbar (filled in with the references field kind). */
export function ListFilters(_props: Props) {
  return null;
}
