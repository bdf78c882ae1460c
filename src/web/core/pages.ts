import type { Icon } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { shownPage, type PageSource } from './lazyPage.js';

/**
 * A folder a module adds beside the entity folders (the Calendar and History of contact activities). Its Page may be
 * a lazyPage (core/lazyPage.tsx): registered, every page is a component the routes render as they are.
 */
export interface ModulePage<Page = PageSource> {
  /** The page's path, e.g. `/calendar`. */
  path: string;
  /** i18n key of the folder name. */
  label: string;
  icon: Icon;
  /** The folder comes right after this one (an href such as `/activities`). */
  after: string;
  /** Pages in a row with the same group sit under one folder (Sales analysis: trend, funnel model, composition). */
  group?: { label: string; icon: Icon };
  Page: Page;
}

const pages: ModulePage<ComponentType>[] = [];

/** Registers a page and its folder; call before the app renders. */
export function registerPage(page: ModulePage): void {
  pages.push({ ...page, Page: shownPage(page.Page) });
}

export function modulePages(): readonly ModulePage<ComponentType>[] {
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
type BareProps = { params: Record<string, string | undefined> };

export interface BarePage<Page = PageSource<BareProps>> {
  /** A wouter pattern, e.g. `/sales/:id/print`. */
  path: string;
  Page: Page;
}

const barePages: BarePage<ComponentType<BareProps>>[] = [];

export function registerBarePage(page: BarePage): void {
  barePages.push({ ...page, Page: shownPage(page.Page) });
}

export function barePagesOf(): readonly BarePage<ComponentType<BareProps>>[] {
  return barePages;
}

const settingsSections: ComponentType[] = [];

/** A section of the Settings page a module owns (the service clock's working time); a lazy one loads with the page. */
export function registerSettingsSection(section: PageSource): void {
  settingsSections.push(shownPage(section));
}

export function settingsSectionsOf(): readonly ComponentType[] {
  return settingsSections;
}

/** The page the app opens on (`/`): a module's dashboard, or else the first folder. */
export interface HomePage<Page = PageSource> { label: string; icon: Icon; Page: Page }

let homePage: HomePage<ComponentType> | null = null;

export function registerHomePage(page: HomePage): void {
  homePage = { ...page, Page: shownPage(page.Page) };
}

export function homePageOf(): HomePage<ComponentType> | null {
  return homePage;
}

/** A side panel beside the page (the guided lab): shown while `useOpened()` says so. */
export interface AsidePanel<Panel = PageSource> { Panel: Panel; useOpened: () => boolean; width: number }

let aside: AsidePanel<ComponentType> | null = null;

export function registerAside(panel: AsidePanel): void {
  aside = { ...panel, Panel: shownPage(panel.Panel) };
}

export function asideOf(): AsidePanel<ComponentType> | null {
  return aside;
}
