/** The hour of the day in Beijing (UTC+8, no daylight saving). */
export function beijingHour(at: Date): number {
  return (at.getUTCHours() + 8) % 24;
}
