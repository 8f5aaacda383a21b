// Constructing an Intl formatter costs more than formatting; build it once.
const CHINA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Calendar day in China (Asia/Shanghai), ISO yyyy-mm-dd: deadlines and cadences are counted in local days. */
export function todayInChina(now: Date = new Date()): string {
  return CHINA_DAY.format(now);
}
