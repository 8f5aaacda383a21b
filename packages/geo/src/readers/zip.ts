import { unzipSync } from 'fflate';
import { GeoImportError } from '../import-issues.js';
import { textDecoder } from './text.js';

/**
 * An archive entry. `key` is the name as fflate gives it (the raw bytes read as Latin-1 unless the
 * entry is flagged UTF-8), used to extract; `name` is the same name fit for messages: archives made
 * on Chinese Windows store names in GBK without saying so.
 */
export interface ZipEntry {
  key: string;
  name: string;
  size: number;
}

function displayName(key: string): string {
  if (!/[\x80-\xff]/.test(key) || /[^\x00-\xff]/.test(key)) return key;
  const bytes = Uint8Array.from(key, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return textDecoder('gbk', false).decode(bytes);
  }
}

/** Lists the files of a zip (not folders, not macOS "__MACOSX/" and "._" companions). */
export function listZip(zip: Uint8Array, what: string): ZipEntry[] {
  const out: ZipEntry[] = [];
  try {
    unzipSync(zip, {
      filter: (f) => {
        const base = f.name.split('/').at(-1) ?? '';
        if (!f.name.endsWith('/') && !/(^|\/)__MACOSX\//.test(f.name) && !base.startsWith('._')) out.push({ key: f.name, name: displayName(f.name), size: f.originalSize });
        return false;
      },
    });
  } catch (e) {
    throw new GeoImportError([{ feature: 0, message: `the ${what} is not a readable zip archive (${(e as Error).message})` }]);
  }
  return out;
}

/** Extracts the named entries. */
export function unzipEntries(zip: Uint8Array, keys: string[], what: string): Map<string, Uint8Array> {
  const want = new Set(keys);
  try {
    return new Map(Object.entries(unzipSync(zip, { filter: (f) => want.has(f.name) })));
  } catch (e) {
    throw new GeoImportError([{ feature: 0, message: `cannot unzip the ${what}: ${(e as Error).message}` }]);
  }
}
