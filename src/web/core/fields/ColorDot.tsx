import { cssColor } from './ColorSelect.js';

/** A colour as a dot with its name beside it (plain elements: used in grid cells and lists). */
export function ColorDot({ color, label, size = 10 }: { color: unknown; label?: string; size?: number }) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6, minWidth: 0 }}>
      <span aria-hidden style={{ width: size, height: size, borderRadius: '50%', flex: 'none', background: cssColor(color) }} />
      {label && <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', fontSize: 'var(--mantine-font-size-sm)' }}>{label}</span>}
    </span>
  );
}
