/** A stored JSON object (labels, attributes); anything damaged or not an object reads as `{}`. */
export function parseJsonObject(text: unknown): Record<string, unknown> {
  try {
    const v = typeof text === 'string' ? (JSON.parse(text) as unknown) : null;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
