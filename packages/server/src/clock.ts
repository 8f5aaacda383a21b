/** Calendar day in China (Asia/Shanghai), ISO yyyy-mm-dd: deadlines and cadences are counted in local days. */
export function todayInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
