import { useContext } from 'react';
import { I18nContext, type I18nContextValue, type Translate } from './i18n-provider';

export function useI18n(): I18nContextValue {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n must be used inside <I18nProvider>');
  return ctx;
}

/** The translate function for the current language: `t('login.username')`, `t('cadence.rule', { n: 3 })`. */
export function useT(): Translate {
  return useI18n().t;
}
