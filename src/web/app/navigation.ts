import { IconAddressBook, IconBuildingStore, IconChecklist, IconCoin, IconHeadset, IconPackage, IconReceipt, IconSettings, IconTargetArrow, IconTrash, IconUsersGroup, type Icon } from '@tabler/icons-react';
import type { EntityDef } from '../../shared/entity/define.js';
import { ENTITIES } from '../../shared/entities/registry.js';
import { modulePages } from '../core/pages.js';

export interface Folder {
  href: string;
  /** The folder is active on this path and below it (defaults to `href`). */
  match?: string;
  /** i18n key of the folder name (the lab manual's folder words). */
  label: string;
  icon: Icon;
}

const ENTITY_ICONS: Record<string, Icon> = {
  customer: IconBuildingStore, customerGroup: IconUsersGroup, contact: IconAddressBook, activity: IconChecklist,
  product: IconPackage, opportunity: IconTargetArrow, sale: IconReceipt, serviceFeedback: IconHeadset, expense: IconCoin,
};

/** The lab manual's folder order (DESIGN.md §5); entities not named here follow in registry order. */
const FOLDER_ORDER = ['customer', 'customerGroup', 'contact', 'activity', 'product', 'opportunity', 'sale', 'serviceFeedback', 'expense'];

const rank = (e: EntityDef) => {
  const i = FOLDER_ORDER.indexOf(e.name);
  return i < 0 ? FOLDER_ORDER.length : i;
};

export const FOLDER_ENTITIES: readonly EntityDef[] = [...ENTITIES].sort((a, b) => rank(a) - rank(b));

/** Only folders that work: one per entity, each followed by the pages its module adds (Calendar, History), then Trash and Settings. */
export function folders(): readonly Folder[] {
  const pages = modulePages();
  const out: Folder[] = [];
  for (const e of FOLDER_ENTITIES) {
    const href = `/${e.path}`;
    out.push({ href, label: `nav.${e.path}`, icon: ENTITY_ICONS[e.name] ?? IconBuildingStore });
    let after = href;
    for (let next = pages.find((p) => p.after === after); next; next = pages.find((p) => p.after === after)) {
      out.push({ href: next.path, label: next.label, icon: next.icon });
      after = next.path;
    }
  }
  out.push({ href: `/trash/${FOLDER_ENTITIES[0]?.path ?? 'customers'}`, match: '/trash', label: 'nav.trash', icon: IconTrash });
  out.push({ href: '/settings', label: 'nav.settings', icon: IconSettings });
  return out;
}
