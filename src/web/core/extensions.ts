import type { ComponentType } from 'react';
import type { EntityDef } from '../../shared/entity/define.js';
import type { EntityRecord, ListParams, RecordLabels } from './records.js';

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
export interface RecordTab {
  value: string;
  /** i18n key of the tab's name. */
  label: string;
  Panel: ComponentType<RecordActionProps>;
}

/** Another way to look at an entity's folder beside its list (the opportunities' pipeline board): a tab after the list's. */
export interface ListView {
  value: string;
  /** i18n key of the tab's name. */
  label: string;
  View: ComponentType<{ entity: EntityDef }>;
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

/** A module's section at the top of the record dialog (an activity's status with End activity / Reopen). */
export interface DialogSectionProps {
  entity: EntityDef;
  /** The record being edited as it is stored now; undefined while a new one is typed. */
  record: EntityRecord | undefined;
  /** The section changed the record itself (ended it): the form goes on from that version. */
  onRecordChanged: (record: EntityRecord) => void;
}

export interface EntityExtensions {
  /** Replaces the generic list page of the entity's folder. */
  listPage?: ComponentType<{ entity: EntityDef }>;
  /** Tabs of the folder page after the list (a pipeline board). */
  listViews: ListView[];
  /** Clicking a record's title in a list opens its view dialog instead of its information page. */
  viewInDialog?: boolean;
  /** Sections a module adds at the top of the record dialog. */
  dialogSections: ComponentType<DialogSectionProps>[];
  /** Shown after the title in a list row (an "Overdue" badge). */
  titleBadge?: ComponentType<{ record: EntityRecord }>;
  bulkActions: ComponentType<BulkActionProps>[];
  listTools: ComponentType<ListToolProps>[];
  exportFormats: ExportFormat[];
  recordTabs: RecordTab[];
  recordActions: ComponentType<RecordActionProps>[];
}

type Registration = Partial<EntityExtensions>;

const registry = new Map<string, EntityExtensions>();

const empty = (): EntityExtensions => ({ listViews: [], dialogSections: [], bulkActions: [], listTools: [], exportFormats: [], recordTabs: [], recordActions: [] });

/** Adds to what an entity's pages show; lists are appended, single values replaced. */
export function extendEntity(entityName: string, add: Registration): void {
  const current = registry.get(entityName) ?? empty();
  registry.set(entityName, {
    ...current,
    listPage: add.listPage ?? current.listPage,
    viewInDialog: add.viewInDialog ?? current.viewInDialog,
    dialogSections: [...current.dialogSections, ...(add.dialogSections ?? [])],
    titleBadge: add.titleBadge ?? current.titleBadge,
    listViews: [...current.listViews, ...(add.listViews ?? [])],
    bulkActions: [...current.bulkActions, ...(add.bulkActions ?? [])],
    listTools: [...current.listTools, ...(add.listTools ?? [])],
    exportFormats: [...current.exportFormats, ...(add.exportFormats ?? [])],
    recordTabs: [...current.recordTabs, ...(add.recordTabs ?? [])],
    recordActions: [...current.recordActions, ...(add.recordActions ?? [])],
  });
}

const NONE = empty();

/** The registered extensions of an entity (an empty set when none). */
export function extensionsOf(entity: EntityDef): EntityExtensions {
  return registry.get(entity.name) ?? NONE;
}
