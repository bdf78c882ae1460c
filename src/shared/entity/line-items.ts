import { z } from 'zod';

/**
 * Line items (opportunity products, sales lines): one shape for every `lines` field, shared by
 * the server (which computes and stores every amount) and the browser (which shows the same
 * amounts while the user types, but never sends them as truth).
 *
 * Money is an integer in minor units (DESIGN.md §3). A quantity has at most 6 decimals and a
 * discount at most 2, so a line amount is computed exactly in integers:
 *   amount = round_half_up(quantity × unitPrice × (100 − discount%) / 100)
 * and a total is the integer sum of its line amounts: no floating point anywhere.
 */
export const MAX_LINES = 10_000;
export const QUANTITY_DECIMALS = 6;
export const DISCOUNT_DECIMALS = 2;
const MAX_QUANTITY = 1_000_000_000;
const MAX_UNIT_PRICE = 1_000_000_000_000_000; // minor units; amounts are checked against MAX_SAFE_INTEGER too

/** Whether `n` has at most `decimals` digits after the point (as typed: 0.1 is one digit). */
export function hasAtMostDecimals(n: number, decimals: number): boolean {
  const scale = 10 ** decimals;
  return Math.abs(Math.round(n * scale) / scale - n) <= Number.EPSILON * Math.max(1, Math.abs(n));
}

const ID = z.number().int().positive().max(2147483647);

/** One line as a client writes it; `id`, `amount` and `position` may be sent back as read and are ignored. */
export const lineInputSchema = z.strictObject({
  id: z.number().optional(),
  position: z.number().optional(),
  amount: z.number().nullable().optional(),
  productId: ID.nullable().optional(),
  description: z.string().trim().max(500).nullable().optional(),
  quantity: z.number().finite().positive().max(MAX_QUANTITY)
    .refine((q) => hasAtMostDecimals(q, QUANTITY_DECIMALS), { message: `has more than ${QUANTITY_DECIMALS} decimals` }),
  // Left out, it is the product's list price.
  unitPrice: z.number().int().min(0).max(MAX_UNIT_PRICE).nullable().optional(),
  discountPercent: z.number().finite().min(0).max(100)
    .refine((d) => hasAtMostDecimals(d, DISCOUNT_DECIMALS), { message: `has more than ${DISCOUNT_DECIMALS} decimals` })
    .nullable().optional(),
}).superRefine((line, ctx) => {
  if ((line.productId === null || line.productId === undefined) && !line.description?.trim()) {
    ctx.addIssue({ code: 'custom', path: ['description'], message: 'is required when the line has no product' });
  }
});

export type LineInput = z.infer<typeof lineInputSchema>;

export const linesSchema = z.array(lineInputSchema).max(MAX_LINES);

/** A line as the API returns it. */
export interface Line {
  id: number;
  position: number;
  productId: number | null;
  description: string | null;
  quantity: number;
  unitPrice: number;
  discountPercent: number;
  amount: number;
  _labels: { productId: string | null };
}

const scaled = (n: number, decimals: number): bigint => BigInt(Math.round(n * 10 ** decimals));

/** Rounds a non-negative fraction n/d half up. */
const divRound = (n: bigint, d: bigint): bigint => (n + d / 2n) / d;

/** The exact amount of a line in minor units (a bigint, so a caller can check it fits). */
export function lineAmountExact(quantity: number, unitPrice: number, discountPercent: number): bigint {
  const q = scaled(quantity, QUANTITY_DECIMALS);
  const keep = 100n * 10n ** BigInt(DISCOUNT_DECIMALS) - scaled(discountPercent, DISCOUNT_DECIMALS);
  const denominator = 10n ** BigInt(QUANTITY_DECIMALS) * 100n * 10n ** BigInt(DISCOUNT_DECIMALS);
  return divRound(q * BigInt(unitPrice) * keep, denominator);
}

/** The amount as a number, or null when it is too large to be exact in JSON. */
export function lineAmount(quantity: number, unitPrice: number, discountPercent: number): number | null {
  const exact = lineAmountExact(quantity, unitPrice, discountPercent);
  return exact > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(exact);
}

/** Quantity × unit price before the discount, exactly, in minor units. */
export function lineGrossExact(quantity: number, unitPrice: number): bigint {
  return divRound(scaled(quantity, QUANTITY_DECIMALS) * BigInt(unitPrice), 10n ** BigInt(QUANTITY_DECIMALS));
}

export interface LineTotals {
  /** Σ quantity × unit price. */
  gross: number;
  /** Σ line amounts (what the record's total holds). */
  total: number;
  /** gross − total. */
  discount: number;
}

/** Totals of lines that have a quantity and a unit price (the editor's footer, the printed sale). */
export function lineTotals(lines: readonly { quantity: number; unitPrice: number; discountPercent?: number | null }[]): LineTotals {
  let gross = 0n;
  let total = 0n;
  for (const l of lines) {
    gross += lineGrossExact(l.quantity, l.unitPrice);
    total += lineAmountExact(l.quantity, l.unitPrice, l.discountPercent ?? 0);
  }
  return { gross: Number(gross), total: Number(total), discount: Number(gross - total) };
}
