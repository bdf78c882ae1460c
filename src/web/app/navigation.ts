import { IconAddressBook, IconBuildingStore, IconChecklist, IconCoin, IconHeadset, IconHistory, IconPackage, IconReceipt, IconSettings, IconTargetArrow, IconTrash, IconUsersGroup, type Icon } from '@tabler/icons-react';
import type { EntityDef } from '../../shared/entity/define.js';
import { ENTITIES } from '../../shared/entities/registry.js';
import { homePageOf, modulePages } from '../core/pages.js';
import type { SpecialRight } from '../auth/useMe.js';

export interface Folder {
  href: string;
  /** The folder is active on this path and below it (defaults to `href`). */
  match?: string;
  /** i18n key of the folder name (the lab manual's folder words). */
  label: string;
  icon: Icon;
  /** A folder of folders (Sales analysis), shown open under its name. */
  children?: Folder[];
  /** Shown only to users with this special right (the Audit log). */
  special?: SpecialRight;
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
  const home = homePageOf();
  if (home) out.push({ href: '/', label: home.label, icon: home.icon });
  for (const e of FOLDER_ENTITIES) {
    const href = `/${e.path}`;
    out.push({ href, label: `nav.${e.path}`, icon: ENTITY_ICONS[e.name] ?? IconBuildingStore });
    let after = href;
    for (let next = pages.find((p) => p.after === after); next; next = pages.find((p) => p.after === after)) {
      const folder = { href: next.path, label: next.label, icon: next.icon };
      const group = next.group;
      const last = out[out.length - 1];
      if (group && last?.children && last.label === group.label) last.children.push(folder);
      else if (group) out.push({ href: next.path, match: `/${next.path.split('/')[1]}`, label: group.label, icon: group.icon, children: [folder] });
      else out.push(folder);
      after = next.path;
    }
  }
  out.push({ href: `/trash/${FOLDER_ENTITIES[0]?.path ?? 'customers'}`, match: '/trash', label: 'nav.trash', icon: IconTrash });
  out.push({ href: '/audit', label: 'nav.audit', icon: IconHistory, special: 'audit' });
  out.push({ href: '/settings', label: 'nav.settings', icon: IconSettings });
  return out;
}
