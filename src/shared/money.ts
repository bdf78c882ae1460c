/**
 * Money is an integer in minor units of the installation's currency (DESIGN.md §3): KRW has
 * none, CNY and USD have 2. The number of minor digits comes from Intl (ISO 4217), so the
 * server's exports and the browser's forms agree on it.
 */
export interface Currency {
  /** ISO 4217 code, e.g. `KRW`. */
  code: string;
  /** Digits after the point in the major unit (0 for KRW, 2 for USD). */
  digits: number;
}

/** Currencies this runtime knows (Intl), so a code is checked against an allow-list. */
export function knownCurrencies(): readonly string[] {
  return Intl.supportedValuesOf('currency');
}

export function isCurrencyCode(code: unknown): code is string {
  return typeof code === 'string' && /^[A-Z]{3}$/.test(code) && knownCurrencies().includes(code);
}

export function currencyOf(code: string): Currency {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
  return { code, digits };
}

const EURO_REGIONS = ['AT', 'BE', 'CY', 'DE', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PT', 'SI', 'SK'];
/** The currency of a locale's region (ko-KR → KRW, zh-TW → TWD, en-GB → GBP); regions not listed get USD. */
const REGION_CURRENCY: Readonly<Record<string, string>> = {
  KR: 'KRW', CN: 'CNY', TW: 'TWD', HK: 'HKD', MO: 'MOP', SG: 'SGD', JP: 'JPY', VN: 'VND', TH: 'THB', IN: 'INR',
  US: 'USD', CA: 'CAD', GB: 'GBP', AU: 'AUD', NZ: 'NZD', CH: 'CHF', SE: 'SEK', NO: 'NOK', DK: 'DKK', PL: 'PLN', BR: 'BRL', MX: 'MXN',
  ...Object.fromEntries(EURO_REGIONS.map((r) => [r, 'EUR'])),
};

/**
 * The default currency for a locale before anyone chooses one, from its region (a bare language
 * gets its likely region: ko → KR → KRW, zh → CN → CNY, en → US → USD).
 */
export function defaultCurrencyFor(locale: string): string {
  let region: string | undefined;
  try {
    region = new Intl.Locale(locale.replace(/_/g, '-').split('.')[0]).maximize().region;
  } catch {
    region = undefined;
  }
  const code = region ? REGION_CURRENCY[region] : undefined;
  return code && isCurrencyCode(code) ? code : 'USD';
}

/** Minor units → the major-unit number a person reads (12345 → 123.45 in USD). */
export function toMajor(minor: number, c: Currency): number {
  return c.digits === 0 ? minor : Number((minor / 10 ** c.digits).toFixed(c.digits));
}

/** A major-unit amount as typed → minor units, or null when it has more digits than the currency. */
export function toMinor(major: number, c: Currency): number | null {
  const minor = Math.round(major * 10 ** c.digits);
  if (!Number.isSafeInteger(minor)) return null;
  return Math.abs(minor / 10 ** c.digits - major) <= Number.EPSILON * Math.max(1, Math.abs(major)) * 10 ? minor : null;
}

/** `₩150,000`, `$19.99`, `¥1,200.00` in the reader's locale. */
export function formatMoney(minor: number, c: Currency, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: c.code, minimumFractionDigits: c.digits, maximumFractionDigits: c.digits }).format(toMajor(minor, c));
}

/** A spreadsheet number format for the currency (exports keep numbers as numbers). */
export function spreadsheetMoneyFormat(c: Currency): string {
  return c.digits === 0 ? '#,##0' : `#,##0.${'0'.repeat(c.digits)}`;
}

/** `percent`% of an amount in minor units, rounded half up, exactly (a weighted amount: amount × probability). */
export function percentOf(minor: number, percent: number): number {
  const exact = (BigInt(minor) * BigInt(Math.round(percent * 100)) + 5000n) / 10000n;
  return Number(exact);
}
