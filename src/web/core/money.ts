import { currencyOf, type Currency } from '../../shared/money.js';
import { useSettings } from './settings.js';

/**
 * The installation's currency for code that runs outside React (form value conversion): kept
 * in step with the settings query by `useCurrency` and the app's settings gate.
 */
let current: Currency = currencyOf('USD');

export function setCurrency(c: Currency): void {
  current = { code: c.code, digits: c.digits };
}

export function currency(): Currency {
  return current;
}

/** The currency, re-rendering when Settings changes it. */
export function useCurrency(): Currency {
  const settings = useSettings();
  return settings.data?.currency ?? current;
}

/** `₩`, `$`, `¥`, `CN¥` as the locale writes the currency. */
export function currencySymbol(c: Currency, locale: string): string {
  const part = new Intl.NumberFormat(locale, { style: 'currency', currency: c.code }).formatToParts(0).find((p) => p.type === 'currency');
  return part?.value ?? c.code;
}
