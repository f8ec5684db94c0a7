/** Command-line flags of the bench scripts: `--name` or `--name=value`. */

/** A flag's value: '' for a bare `--name`, undefined when absent. */
export function flag(name: string): string | undefined {
  const arg = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (arg === undefined) return undefined;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : '';
}

/** A flag's value as a whole number of at least 1 (`what` names its unit); undefined when absent. */
export function wholeFlag(name: string, what: string): number | undefined {
  const value = flag(name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name}=${value}: expected a whole number of ${what}`);
  return n;
}
