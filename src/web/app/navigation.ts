import { IconSettings, IconTrash, IconUsers, type Icon } from '@tabler/icons-react';
import { ENTITIES } from '../../shared/entities/registry.js';

export interface Folder {
  href: string;
  /** i18n key of the folder name (the lab manual's folder words). */
  label: string;
  icon: Icon;
}

const ENTITY_ICONS: Record<string, Icon> = { customer: IconUsers };

/** Only folders that work are listed: one per entity, then Trash and Settings. */
export const FOLDERS: readonly Folder[] = [
  ...ENTITIES.map((e) => ({ href: `/${e.path}`, label: `nav.${e.path}`, icon: ENTITY_ICONS[e.name] ?? IconUsers })),
  { href: `/trash/${ENTITIES[0]?.path ?? 'customers'}`, label: 'nav.trash', icon: IconTrash },
  { href: '/settings', label: 'nav.settings', icon: IconSettings },
];
