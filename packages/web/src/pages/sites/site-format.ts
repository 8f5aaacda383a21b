import type { Lang } from '../../i18n';

const mu = (lang: Lang) => new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const m2 = (lang: Lang) => new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 0 });

/** "1,499.99" (亩, two decimals). */
export function formatMu(value: number, lang: Lang): string {
  return mu(lang).format(value);
}

/** "1,499.99 亩（999,996 m²）" / "1,499.99 mu (999,996 m²)". */
export function formatArea(areaMu: number, areaM2: number, lang: Lang): string {
  return lang === 'zh'
    ? `${formatMu(areaMu, lang)} 亩（${m2(lang).format(areaM2)} m²）`
    : `${formatMu(areaMu, lang)} mu (${m2(lang).format(areaM2)} m²)`;
}
