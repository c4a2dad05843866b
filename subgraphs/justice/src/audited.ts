import type { JusticeContext } from './context.ts';

type FieldResolver<Row> = (row: Row, args: unknown, ctx: JusticeContext) => unknown;

/**
 * Resolvers for a type whose every field is sensitive personal data about one resident (a
 * correction, placement or legal-aid record): each field, when served, notes
 * `<Type>.<field>` for that resident in the access log. `plain` fields are read off the row;
 * `computed` ones have their own resolver.
 */
export function auditedFields<Row>(
  typeName: string,
  subjectOf: (row: Row) => string,
  plain: readonly (keyof Row & string)[],
  computed: Record<string, FieldResolver<Row>> = {},
): Record<string, FieldResolver<Row>> {
  const resolvers: Record<string, FieldResolver<Row>> = {};
  const wrap = (field: string, resolve: FieldResolver<Row>): FieldResolver<Row> => (row, args, ctx) => {
    ctx.audit.read(subjectOf(row), [`${typeName}.${field}`]);
    return resolve(row, args, ctx);
  };
  for (const field of plain) resolvers[field] = wrap(field, (row) => row[field]);
  for (const [field, resolve] of Object.entries(computed)) resolvers[field] = wrap(field, resolve);
  return resolvers;
}
