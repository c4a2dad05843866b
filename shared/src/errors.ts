import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * The one error registry. Every error a client can see carries one of these codes in
 * `extensions.code`; resolvers throw only through these factories. Anything else that escapes a
 * resolver is logged with its stack and reaches the client as INTERNAL_SERVER_ERROR with no
 * internals (see `maskError`).
 */
const code = <N extends string>(name: N, description: string) => ({
  name,
  description,
  error: (message: string, extensions: Record<string, unknown> = {}) =>
    new GraphQLError(message, { extensions: { ...extensions, code: name } }),
});

export const Errors = {
  BAD_USER_INPUT: code('BAD_USER_INPUT', 'An argument failed validation; `extensions.argument` names it.'),
  GRAPHQL_PARSE_FAILED: code('GRAPHQL_PARSE_FAILED', 'The request is not syntactically valid GraphQL.'),
  GRAPHQL_VALIDATION_FAILED: code('GRAPHQL_VALIDATION_FAILED', 'The request does not match the schema.'),
  UNAUTHENTICATED: code('UNAUTHENTICATED', 'The credentials are missing, malformed, expired or not trusted.'),
  FORBIDDEN: code('FORBIDDEN', 'The caller may not see this.'),
  NOT_FOUND: code('NOT_FOUND', 'A referenced entity does not exist (only where null would be ambiguous).'),
  PAYLOAD_TOO_LARGE: code('PAYLOAD_TOO_LARGE', 'The request body is larger than the configured limit.'),
  SUBGRAPH_UNAVAILABLE: code(
    'SUBGRAPH_UNAVAILABLE',
    "A department's service could not be reached; its fields are null, the rest of the answer stands.",
  ),
  SUBGRAPH_ERROR: code('SUBGRAPH_ERROR', "A department's service answered with something that is not a GraphQL response."),
  INTERNAL_SERVER_ERROR: code('INTERNAL_SERVER_ERROR', 'An unexpected failure; details are in the server log, never in the response.'),
} as const;

export type ErrorCode = keyof typeof Errors;

/** Codes a client may see verbatim. Everything else is masked. */
const PUBLIC_CODES = new Set<string>([
  ...Object.keys(Errors),
  // Codes Apollo Server itself stamps on request-level failures.
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export const isPublicErrorCode = (value: unknown): boolean => typeof value === 'string' && PUBLIC_CODES.has(value);

/**
 * Apollo `formatError`: keeps registry errors, replaces anything else with a bare
 * INTERNAL_SERVER_ERROR. Never lets a stack, SQL text or file path through.
 */
export function maskError(formatted: GraphQLFormattedError, onUnexpected: (formatted: GraphQLFormattedError) => void = () => {}): GraphQLFormattedError {
  const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
  const base = {
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
  };
  if (isPublicErrorCode(extensions.code)) {
    return { ...base, message: formatted.message, extensions };
  }
  onUnexpected(formatted);
  return { ...base, message: 'Internal server error.', extensions: { code: Errors.INTERNAL_SERVER_ERROR.name } };
}
