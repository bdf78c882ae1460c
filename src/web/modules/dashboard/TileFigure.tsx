import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { drillHref, type Tally } from './dashboardApi.js';
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

/**
 * The count of a tally as a figure: `<key>` is its caption and `<key>Name` what a screen reader hears;
 * `alarm` colours a count above zero red (something is overdue).
 */
export function CountFigure({ tally, i18nKey, alarm = false }: { tally: Tally; i18nKey: string; alarm?: boolean }) {
  const { t, i18n } = useTranslation();
  const n = new Intl.NumberFormat(i18n.language).format(tally.count);
  return (
    <TileFigure value={n} label={t(i18nKey)} name={t(`${i18nKey}Name`, { count: tally.count, n })} href={drillHref(tally.drill)}
      color={alarm && tally.count > 0 ? 'red' : undefined} />
  );
}
