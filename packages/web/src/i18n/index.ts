export { I18nProvider, type Lang, type Translate } from './i18n-provider';
export { useI18n, useT } from './use-t';
export { useLabel, type Label } from './use-label';
export type { MessageKey } from './messages';
