const DAY_MS = 86_400_000;

/** The UTC calendar day of an instant, as YYYY-MM-DD (AWS bills support by UTC day). */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whole UTC days from the day of `now` to `day` (YYYY-MM-DD); negative once it has passed. */
export function daysUntil(day: string, now: number): number {
  const target = Date.parse(`${day}T00:00:00Z`);
  const today = Date.parse(`${utcDay(new Date(now))}T00:00:00Z`);
  return Math.round((target - today) / DAY_MS);
}
