import type { LabControl } from '../../../shared/lab/steps.js';

const SELECTORS: Record<LabControl['role'], string> = {
  button: 'button, [role="button"]',
  link: 'a[href], [role="link"]',
  tab: '[role="tab"]',
  combobox: 'select, [role="combobox"]',
};

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The accessible name as a screen reader (and Playwright's getByRole) reads it, for the cases our controls use. */
function accessibleName(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label) return squash(label);
  const by = el.getAttribute('aria-labelledby');
  if (by) return squash(by.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
  if (el.id) {
    const forIt = document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
    if (forIt) return squash(forIt.textContent ?? '');
  }
  return squash(el.textContent ?? '');
}

const visible = (el: Element) => el instanceof HTMLElement && el.offsetParent !== null && !el.closest('[data-lab-panel]');

/** The first visible control with this role and name, outside the lab panel itself. */
export function findControl(role: LabControl['role'], name: string): HTMLElement | null {
  const wanted = squash(name);
  const all = Array.from(document.querySelectorAll(SELECTORS[role])).filter(visible);
  return (all.find((el) => accessibleName(el) === wanted) ?? null) as HTMLElement | null;
}

const ATTR = 'data-lab-highlight';
let clear: (() => void) | null = null;

/** Outlines a control until it is used or for a while, and brings it into view. */
export function highlight(el: HTMLElement): void {
  clear?.();
  el.setAttribute(ATTR, 'true');
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  const done = () => {
    el.removeAttribute(ATTR);
    el.removeEventListener('click', done);
    window.clearTimeout(timer);
    clear = null;
  };
  const timer = window.setTimeout(done, 10_000);
  el.addEventListener('click', done);
  clear = done;
}

/** Waits (up to a few seconds, while the page renders) for the control, then highlights it. */
export function highlightWhenShown(role: LabControl['role'], name: string, timeoutMs = 4000): Promise<boolean> {
  const started = Date.now();
  return new Promise((resolve) => {
    const look = () => {
      const el = findControl(role, name);
      if (el) { highlight(el); resolve(true); return; }
      if (Date.now() - started > timeoutMs) { resolve(false); return; }
      window.setTimeout(look, 100);
    };
    look();
  });
}
