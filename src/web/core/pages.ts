import type { Icon } from '@tabler/icons-react';
import type { ComponentType } from 'react';

/** A folder a module adds beside the entity folders (the Calendar and History of contact activities). */
export interface ModulePage {
  /** The page's path, e.g. `/calendar`. */
  path: string;
  /** i18n key of the folder name. */
  label: string;
  icon: Icon;
  /** The folder comes right after this one (an href such as `/activities`). */
  after: string;
  /** Pages in a row with the same group sit under one folder (Sales analysis: trend, funnel model, composition). */
  group?: { label: string; icon: Icon };
  Page: ComponentType;
}

const pages: ModulePage[] = [];

/** Registers a page and its folder; call before the app renders. */
export function registerPage(page: ModulePage): void {
  pages.push(page);
}

export function modulePages(): readonly ModulePage[] {
  return pages;
}

const headerItems: ComponentType[] = [];

/** A control in the app header, beside the language switcher (the reminders bell). */
export function registerHeaderItem(item: ComponentType): void {
  headerItems.push(item);
}

export function headerItemsOf(): readonly ComponentType[] {
  return headerItems;
}

/** A page shown without the app's frame (a printable sale): its own route, no folder. */
export interface BarePage {
  /** A wouter pattern, e.g. `/sales/:id/print`. */
  path: string;
  Page: ComponentType<{ params: Record<string, string | undefined> }>;
}

const barePages: BarePage[] = [];

export function registerBarePage(page: BarePage): void {
  barePages.push(page);
}

export function barePagesOf(): readonly BarePage[] {
  return barePages;
}

const settingsSections: ComponentType[] = [];

/** A section of the Settings page a module owns (the service clock's working time). */
export function registerSettingsSection(section: ComponentType): void {
  settingsSections.push(section);
}

export function settingsSectionsOf(): readonly ComponentType[] {
  return settingsSections;
}

/** The page the app opens on (`/`): a module's dashboard, or else the first folder. */
export interface HomePage { label: string; icon: Icon; Page: ComponentType }

let homePage: HomePage | null = null;

export function registerHomePage(page: HomePage): void {
  homePage = page;
}

export function homePageOf(): HomePage | null {
  return homePage;
}

/** A side panel beside the page (the guided lab): shown while `useOpened()` says so. */
export interface AsidePanel { Panel: ComponentType; useOpened: () => boolean; width: number }

let aside: AsidePanel | null = null;

export function registerAside(panel: AsidePanel): void {
  aside = panel;
}

export function asideOf(): AsidePanel | null {
  return aside;
}
