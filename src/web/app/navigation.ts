import { IconAddressBook, IconBuildingStore, IconSettings, IconTrash, IconUsersGroup, type Icon } from '@tabler/icons-react';
import type { EntityDef } from '../../shared/entity/define.js';
import { ENTITIES } from '../../shared/entities/registry.js';

export interface Folder {
  href: string;
  /** The folder is active on this path and below it (defaults to `href`). */
  match?: string;
  /** i18n key of the folder name (the lab manual's folder words). */
  label: string;
  icon: Icon;
}

const ENTITY_ICONS: Record<string, Icon> = { customer: IconBuildingStore, customerGroup: IconUsersGroup, contact: IconAddressBook };

/** The lab manual's folder order (DESIGN.md §5); entities not named here follow in registry order. */
const FOLDER_ORDER = ['customer', 'customerGroup', 'contact', 'activity'];

const rank = (e: EntityDef) => {
  const i = FOLDER_ORDER.indexOf(e.name);
  return i < 0 ? FOLDER_ORDER.length : i;
};

export const FOLDER_ENTITIES: readonly EntityDef[] = [...ENTITIES].sort((a, b) => rank(a) - rank(b));

/** Only folders that work are listed: one per entity, then Trash and Settings. */
export const FOLDERS: readonly Folder[] = [
  ...FOLDER_ENTITIES.map((e) => ({ href: `/${e.path}`, label: `nav.${e.path}`, icon: ENTITY_ICONS[e.name] ?? IconBuildingStore })),
  { href: `/trash/${FOLDER_ENTITIES[0]?.path ?? 'customers'}`, match: '/trash', label: 'nav.trash', icon: IconTrash },
  { href: '/settings', label: 'nav.settings', icon: IconSettings },
];
