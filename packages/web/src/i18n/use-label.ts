import { useCallback } from 'react';
import { useI18n } from './use-t';

export type Label = { zh: string; en: string };

/** Picks the current language out of the `{ zh, en }` labels that @minewatch/core ships with its enums. */
export function useLabel(): (label: Label | undefined | null) => string {
  const { lang } = useI18n();
  return useCallback((label) => (label ? label[lang] : ''), [lang]);
}
