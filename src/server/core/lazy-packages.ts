import type ExcelJS from 'exceljs';

/**
 * Packages that only some requests need, loaded on first use instead of at start: ExcelJS alone
 * took ~0.7 s of a cold start (issue 14: start to healthy in 2 s on a big database).
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
