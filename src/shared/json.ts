// The one type guard for "a JSON object" (not null, not an array), for code that reads unknown
// input: API answers, webview messages, saved state.
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
