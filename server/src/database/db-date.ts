/** MAX()/MIN() over a datetime comes back as a string from SQLite and a Date from mysql2; both hold UTC. */
export function parseDbDate(value: string | Date): Date {
  if (value instanceof Date) return value;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}
