import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client';

export type FieldPath = (string | number)[];

/**
 * Puts a 400 VALIDATION_FAILED answer's `details.issues` on the form fields they name.
 * `mapPath` may translate an API path to a form path (or drop it with null).
 * Returns the paths that were set, so the caller can e.g. switch to the right tab.
 */
export function applyFieldErrors(
  form: FormInstance,
  err: unknown,
  mapPath: (path: FieldPath) => FieldPath | null = (p) => p,
): FieldPath[] {
  if (!(err instanceof ApiError) || err.status !== 400) return [];
  const byField = new Map<string, { name: FieldPath; errors: string[] }>();
  for (const issue of err.issues) {
    const name = mapPath(issue.path);
    if (!name || name.length === 0) continue;
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  const fields = [...byField.values()];
  if (fields.length) form.setFields(fields);
  return fields.map((f) => f.name);
}
