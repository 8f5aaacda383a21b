import type { FormInstance } from 'antd';
import { isApiError } from '../api/client';

type NamePath = (string | number)[];

/**
 * Puts the field messages of a 400 answer onto the form items they name. A detail path such as
 * "name", "body.name" or "decisions.0" is matched from its first segment that is one of the form's
 * top-level fields ("decisions.0" → ['decisions', 0]). Returns true when at least one field got a message.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, fieldNames: readonly string[]): boolean {
  if (!isApiError(error) || error.details.length === 0) return false;
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  for (const detail of error.details) {
    const segments = detail.path.split(/[./[\]]+/).filter(Boolean);
    const start = segments.findIndex((s) => fieldNames.includes(s));
    if (start < 0) continue;
    const name: NamePath = segments.slice(start).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(detail.message);
    byField.set(key, entry);
  }
  if (byField.size === 0) return false;
  form.setFields([...byField.values()]);
  return true;
}
