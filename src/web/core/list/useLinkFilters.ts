import { useCallback, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { FieldFilter } from '../records.js';
import { filtersFromSearch, searchWithout } from './urlFilters.js';

/** The filters in a list page's URL, and how a chip drops one (or all) of them: for any page that shows an EntityList. */
export function useLinkFilters(entity: EntityDef): { linkFilters: FieldFilter[]; onLinkFiltersChange: (remove: { field: string; ops: string[] } | 'all') => void } {
  const search = useSearch();
  const [location, navigate] = useLocation();
  const linkFilters = useMemo(() => filtersFromSearch(entity, search), [entity, search]);
  const onLinkFiltersChange = useCallback((remove: { field: string; ops: string[] } | 'all') => {
    const rest = searchWithout(search, (f) => remove === 'all' || (f.field === remove.field && remove.ops.includes(f.op)));
    navigate(rest ? `${location}?${rest}` : location, { replace: true });
  }, [search, location, navigate]);
  return { linkFilters, onLinkFiltersChange };
}
