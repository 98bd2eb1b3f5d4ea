// The engine's notion of "today". Facts with dates (retirements, removals) read it, so the same finding
// says "will be retired on ..." before the date and "was retired on ..." after it; tests pin it through
// AnalysisContext.now instead of depending on the day they run.

/** Calendar day (UTC) of a Date, as YYYY-MM-DD. */
export function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** The analysis time: the context's pinned clock, else the real time. An invalid Date counts as unset. */
export function nowOf(context?: { now?: Date }): Date {
  const pinned = context?.now;
  return pinned instanceof Date && !Number.isNaN(pinned.getTime()) ? pinned : new Date();
}

/** True when the day `date` (YYYY-MM-DD, or YYYY-MM for a whole month; UTC) has begun at `now`. */
export function hasArrived(date: string, now: Date): boolean {
  return dayOf(now) >= date;
}
