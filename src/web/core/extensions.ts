import type { ComponentType, ReactNode } from 'react';
import type { EntityDef } from '../../shared/entity/define.js';
import type { EntityRecord, ListParams, RecordLabels } from './records.js';
import { shownPage, type PageSource } from './lazyPage.js';

/**
 * What a module may add to an entity's generic pages (DESIGN.md §1: core never imports a module; a module
 * registers here). Everything is looked up by entity name, so a module can register before its entity exists.
 */

/** An action on the rows selected in a list: renders its own button (and any dialog it needs). */
export interface BulkActionProps {
  entity: EntityDef;
  selectedIds: readonly number[];
  /** Clears the selection, e.g. after the action succeeded. */
  clearSelection: () => void;
}

/** An extra control in a list's toolbar (an import button, say). */
export interface ListToolProps {
  entity: EntityDef;
  params: ListParams;
}

/** An extra control on one record (its information page and its view dialog). */
export interface RecordActionProps {
  entity: EntityDef;
  record: EntityRecord;
}

/** A tab of a record's information page, after Details. */
export interface RecordTab<C = PageSource<RecordActionProps>> {
  value: string;
  /** i18n key of the tab's name. */
  label: string;
  Panel: C;
  /** Shown after the name (a count of open requests). */
  Badge?: C;
}

/** Replaces one field's input in the record dialog (an expense's amount, priced from its category). */
export interface FieldWidgetProps {
  entity: EntityDef;
  /** The form's values as they are being typed (the form's own representation). */
  values: Record<string, unknown>;
  /** The generic input, to fall back to. */
  input: ReactNode;
}

/** Another way to look at an entity's folder beside its list (the opportunities' pipeline board): a tab after the list's. */
export interface ListView<View = PageSource<{ entity: EntityDef }>> {
  value: string;
  /** i18n key of the tab's name. */
  label: string;
  /** A component, or a lazyPage whose code loads when the tab is first opened. */
  View: View;
}

/** An export format beyond CSV and Excel, served by `GET /<entities>/export?format=…`. */
export interface ExportFormat {
  format: string;
  /** i18n key of the menu item. */
  label: string;
  /** File name suffix when one record is exported. */
  extension: string;
}

/** What the create/edit dialog of an entity is given. */
export interface RecordDialogProps {
  entity: EntityDef;
  opened: boolean;
  onClose: () => void;
  onSaved: (record: EntityRecord) => void;
  /** Edit this record; without it the dialog creates a new one. */
  record?: EntityRecord;
  /** Values a new record starts with, as the API has them (a customer's id, a calendar slot's instants). */
  initialValues?: Record<string, unknown>;
  initialLabels?: RecordLabels;
}

/** A module's section above a record's fields, in its dialog and on its page (an activity's End activity, a request's service clock). */
export interface RecordSectionProps {
  entity: EntityDef;
  /** The record being edited as it is stored now; undefined while a new one is typed. */
  record: EntityRecord | undefined;
  /** The section changed the record itself (ended it): the form goes on from that version. */
  onRecordChanged: (record: EntityRecord) => void;
}

type EntityPage = ComponentType<{ entity: EntityDef }>;

export interface EntityExtensions {
  /** Replaces the generic list page of the entity's folder. */
  listPage?: EntityPage;
  /** Tabs of the folder page after the list (a pipeline board). */
  listViews: ListView<EntityPage>[];
  /** Clicking a record's title in a list opens its view dialog instead of its information page. */
  viewInDialog?: boolean;
  /** Sections a module adds above the fields, in the record's dialog and on its page. */
  recordSections: ComponentType<RecordSectionProps>[];
  /** Field inputs a module replaces, by field name. */
  fieldWidgets: Readonly<Record<string, ComponentType<FieldWidgetProps>>>;
  /** Shown after the title in a list row (an "Overdue" badge). */
  titleBadge?: ComponentType<{ record: EntityRecord }>;
  bulkActions: ComponentType<BulkActionProps>[];
  listTools: ComponentType<ListToolProps>[];
  exportFormats: ExportFormat[];
  recordTabs: RecordTab<ComponentType<RecordActionProps>>[];
  recordActions: ComponentType<RecordActionProps>[];
}

/**
 * What a module registers. The folder's page and views and everything a record's page or dialog shows may be lazy
 * pages (core/lazyPage.tsx): their code then loads with the first record opened, not with the app.
 */
type Registration = Partial<Omit<EntityExtensions, 'listPage' | 'listViews' | 'recordSections' | 'fieldWidgets' | 'recordTabs' | 'recordActions'>> & {
  listPage?: PageSource<{ entity: EntityDef }>;
  listViews?: ListView[];
  recordSections?: PageSource<RecordSectionProps>[];
  fieldWidgets?: Readonly<Record<string, PageSource<FieldWidgetProps>>>;
  recordTabs?: RecordTab[];
  recordActions?: PageSource<RecordActionProps>[];
};

/** A small part (a button, a badge, a section) shows nothing while its code arrives; the record around it is there. */
const Nothing = () => null;
/** A replaced input shows the generic one meanwhile. */
const GenericInput = ({ input }: FieldWidgetProps) => input;

const registry = new Map<string, EntityExtensions>();

const empty = (): EntityExtensions => ({ listViews: [], recordSections: [], fieldWidgets: {}, bulkActions: [], listTools: [], exportFormats: [], recordTabs: [], recordActions: [] });

/** Adds to what an entity's pages show; lists are appended, single values replaced. */
export function extendEntity(entityName: string, add: Registration): void {
  const current = registry.get(entityName) ?? empty();
  registry.set(entityName, {
    ...current,
    listPage: add.listPage ? shownPage(add.listPage) : current.listPage,
    viewInDialog: add.viewInDialog ?? current.viewInDialog,
    recordSections: [...current.recordSections, ...(add.recordSections ?? []).map((s) => shownPage(s, Nothing))],
    fieldWidgets: { ...current.fieldWidgets, ...Object.fromEntries(Object.entries(add.fieldWidgets ?? {}).map(([k, w]) => [k, shownPage(w, GenericInput)])) },
    titleBadge: add.titleBadge ?? current.titleBadge,
    listViews: [...current.listViews, ...(add.listViews ?? []).map((v) => ({ ...v, View: shownPage(v.View) }))],
    bulkActions: [...current.bulkActions, ...(add.bulkActions ?? [])],
    listTools: [...current.listTools, ...(add.listTools ?? [])],
    exportFormats: [...current.exportFormats, ...(add.exportFormats ?? [])],
    recordTabs: [...current.recordTabs, ...(add.recordTabs ?? []).map((t) => ({ ...t, Panel: shownPage(t.Panel), Badge: t.Badge && shownPage(t.Badge, Nothing) }))],
    recordActions: [...current.recordActions, ...(add.recordActions ?? []).map((a) => shownPage(a, Nothing))],
  });
}

const NONE = empty();

/** The registered extensions of an entity (an empty set when none). */
export function extensionsOf(entity: EntityDef): EntityExtensions {
  return registry.get(entity.name) ?? NONE;
}
