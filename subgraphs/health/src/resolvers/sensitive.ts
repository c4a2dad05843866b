import type { HealthContext } from '../context.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- resolver arguments differ per field */
type Resolve<Row> = (row: Row, args: any, ctx: HealthContext) => unknown;
type Resolvers<Row> = Record<string, (row: Row, args: any, ctx: HealthContext) => Promise<unknown>>;

/**
 * Resolvers for the sensitive fields of a row about one resident. Each returns the value (the
 * row's property of that name, or what `resolve` answers) and notes the read in the department's
 * access log as `<prefix>.<field>` about the row's resident. The schema's directives have already
 * refused callers who may not read the field, so only reads actually served are logged.
 */
export function sensitive<Row extends { residentId: string }>(prefix: string, fields: Record<string, Resolve<Row> | null>): Resolvers<Row> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, resolve]) => [
      name,
      async (row: Row, args: unknown, ctx: HealthContext) => {
        const value = resolve ? await resolve(row, args, ctx) : (row as Record<string, unknown>)[name];
        ctx.access.read(row.residentId, [`${prefix}.${name}`]);
        return value;
      },
    ]),
  );
}
