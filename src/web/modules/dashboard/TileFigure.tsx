import type { CSSProperties } from 'react';
import { Link } from 'wouter';
import classes from './Dashboard.module.css';

/**
 * A big number of a tile that opens the list of exactly its records. `name` is what a screen reader
 * hears ("3 activities overdue"), since "3" and a caption alone would not say what the link opens.
 */
export function TileFigure({ value, label, name, href, color, chars }: { value: string; label: string; name: string; href: string; color?: string; chars?: number }) {
  // Figures side by side pass the longest one's length (`chars`), so their numbers share one size.
  const style = { '--chars': Math.max(chars ?? value.length, 4), color: color ? `var(--mantine-color-${color}-7)` : undefined } as CSSProperties;
  return (
    <Link href={href} className={classes.figure} aria-label={name}>
      <span className={classes.figureValue} style={style}>{value}</span>
      <span className={classes.figureLabel}>{label}</span>
    </Link>
  );
}
