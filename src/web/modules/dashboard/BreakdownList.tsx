import type { CSSProperties, ReactNode } from 'react';
import { Link } from 'wouter';
import classes from './Dashboard.module.css';

export interface BreakdownRow {
  key: string;
  label: string;
  /** The row's numbers, already formatted, one per column after the label. */
  numbers: string[];
  href: string;
  /** The link's accessible name: the row in words ("Negotiation: 2 opportunities, ₩40,000, weighted ₩32,000"). */
  name: string;
  bar?: ReactNode;
}

/**
 * A tile's breakdown (the pipeline by stage, open requests by priority): each row is one link to its
 * list, with its numbers in aligned columns and an optional bar under it. The column heads are for the
 * eye only; each row's link says its numbers in words.
 */
export function BreakdownList({ label, heads, rows }: { label: string; heads: string[]; rows: BreakdownRow[] }) {
  const style = { '--numbers': heads.length - 1 } as CSSProperties;
  return (
    <ul className={classes.rows} style={style} aria-label={label}>
      <li className={classes.head} aria-hidden>
        {heads.map((h, i) => (
          <span key={h} className={i > 0 ? classes.number : undefined}>{h}</span>
        ))}
      </li>
      {rows.map((r) => <Row key={r.key} row={r} />)}
    </ul>
  );
}

function Row({ row }: { row: BreakdownRow }) {
  return (
    <li className={classes.row}>
      <Link href={row.href} className={classes.rowLink} aria-label={row.name}>
        <span className={classes.rowLabel}>{row.label}</span>
        {row.numbers.map((n, i) => (
          <span key={i} className={classes.number}>{n}</span>
        ))}
        {row.bar && <div className={classes.bar} aria-hidden>{row.bar}</div>}
      </Link>
    </li>
  );
}
