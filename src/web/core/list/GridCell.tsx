import { memo, useContext } from 'react';
import { Link } from 'wouter';
import type { EntityDef } from '../../../shared/entity/define.js';
import { AMOUNT_KINDS, shownKind } from '../../../shared/entity/field.js';
import { extensionsOf } from '../extensions.js';
import type { Formatter } from '../fields/useFormatter.js';
import type { EntityRecord } from '../records.js';
import { ColorDot } from '../fields/ColorDot.js';
import { recordText } from '../fields/recordText.js';
import type { ColumnMeta } from './columns.js';
import { OpenRecordContext } from './openRecordContext.js';
import classes from './EntityGrid.module.css';
import { useTranslation } from 'react-i18next';
import { displayTimeZone, dueStateOf } from '../timeZone.js';

interface Props {
  entity: EntityDef;
  record: EntityRecord;
  meta: ColumnMeta;
  format: Formatter;
}


/**
 * The read-only face of a cell; the title field links to the record's information page.
 * Plain elements rather than Mantine components: there are hundreds of cells on screen while scrolling.
 */
/** A deadline says how it stands: overdue in red, due today in orange, and in words for a screen reader. */
function DueCell({ iso, text }: { iso: string; text: string }) {
  const { t } = useTranslation();
  const state = dueStateOf(iso, displayTimeZone());
  const label = t(`list.due.${state}`);
  return (
    <span className={classes[state]} title={label} data-kind="datetime">
      {text}
      {state !== 'later' && <span className={classes.srOnly}>{` (${label})`}</span>}
    </span>
  );
}

function CellValue({ entity, record, meta, format }: Props) {
  const open = useContext(OpenRecordContext);
  const text = recordText(format, record, meta.field);
  if (meta.field === entity.titleField) {
    const Badge = extensionsOf(entity).titleBadge;
    const link = (
      <Link
        href={`/${entity.path}/${record.id}`}
        className={classes.titleLink}
        onClick={(e) => {
          // A plain click opens the view dialog where the entity has one; modified clicks still open the page.
          if (!open || e.ctrlKey || e.metaKey || e.shiftKey) return;
          e.preventDefault();
          open(record);
        }}
      >
        {text || `#${record.id}`}
      </Link>
    );
    if (!Badge) return link;
    return (
      <span className={classes.titleWithBadge}>
        {link}
        <Badge record={record} />
      </span>
    );
  }
  if (meta.def.kind === 'color') return <ColorDot color={record[meta.field]} label={text} />;
  const v = record[meta.field];
  if (meta.def.due && typeof v === 'string') return <DueCell iso={v} text={text} />;
  const className = AMOUNT_KINDS.includes(shownKind(meta.def)) ? classes.numeric : meta.def.kind === 'datetime' ? classes.dimmed : classes.text;
  return (
    <span className={className} title={text.length > 18 ? text : undefined} data-kind={shownKind(meta.def)}>
      {text}
    </span>
  );
}

/** Memoised: scrolling and paging re-render the grid, but a cell only re-renders when its record changes. */
export const GridCellValue = memo(CellValue);
