// Small text formatters for the panel, kept apart from the DOM code so they are unit-testable.

/** Age of a role assignment in words ("3 min", "2 h", "5 d"); undefined when unknown. */
export function formatAge(ageMinutes: number | undefined): string | undefined {
  if (ageMinutes === undefined || !Number.isFinite(ageMinutes) || ageMinutes < 0) return undefined;
  if (ageMinutes < 60) return `${Math.floor(ageMinutes)} min`;
  if (ageMinutes < 48 * 60) return `${Math.floor(ageMinutes / 60)} h`;
  return `${Math.floor(ageMinutes / (24 * 60))} d`;
}

/** Case-insensitive match of every whitespace-separated term of `query` somewhere in `fields`. */
export function matchesQuery(query: string, fields: readonly string[]): boolean {
  const terms = query
    .toLowerCase()
    .split(/\s+/)
    .filter((term) => term.length > 0);
  if (terms.length === 0) return true;
  const haystack = fields.join('\n').toLowerCase();
  return terms.every((term) => haystack.includes(term));
}
