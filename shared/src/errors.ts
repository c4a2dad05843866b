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
  PURPOSE_REQUIRED: code(
    'PURPOSE_REQUIRED',
    'A sensitive field was asked for without a declared purpose (x-purpose) and case reference (x-case-reference).',
  ),
  SUPPRESSED: code('SUPPRESSED', 'A small count (fewer than 5 people) was withheld so nobody can be re-identified; `extensions.reason` says why.'),
  OPERATION_LIMIT_EXCEEDED: code('OPERATION_LIMIT_EXCEEDED', "The operation exceeds the caller's depth, alias, directive, token or cost budget."),
  TRUSTED_DOCUMENT_REQUIRED: code(
    'TRUSTED_DOCUMENT_REQUIRED',
    "In production, front-end callers may send only the apps' registered operations (trusted documents), by hash, name or exact text.",
  ),
  PAYLOAD_TOO_LARGE: code('PAYLOAD_TOO_LARGE', 'The request body is larger than the configured limit.'),
  SUBGRAPH_UNAVAILABLE: code(
    'SUBGRAPH_UNAVAILABLE',
    "A department's service could not be reached; its fields are null, the rest of the answer stands.",
  ),
  SUBGRAPH_TIMEOUT: code(
    'SUBGRAPH_TIMEOUT',
    "A department's service did not answer within its timeout; its fields are null, the rest of the answer stands.",
  ),
  SUBGRAPH_CIRCUIT_OPEN: code(
    'SUBGRAPH_CIRCUIT_OPEN',
    "A department's service failed repeatedly, so the gateway is not calling it for a while; its fields are null, the rest stands.",
  ),
  SUBGRAPH_ERROR: code(
    'SUBGRAPH_ERROR',
    "A department's service answered with an HTTP error or with something that is not a GraphQL response; its fields are null.",
  ),
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
 * True for an error a client must not see as is: no public code, or INTERNAL_SERVER_ERROR (which
 * Apollo stamps on any unexpected error before `formatError` runs, message and all). Such errors
 * are logged with their stack and reach the client as a bare INTERNAL_SERVER_ERROR.
 */
export const isUnexpectedError = (error: { extensions?: Record<string, unknown> | undefined }): boolean => {
  const code = error.extensions?.code;
  return !isPublicErrorCode(code) || code === Errors.INTERNAL_SERVER_ERROR.name;
};

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
  if (!isUnexpectedError(formatted)) {
    return { ...base, message: formatted.message, extensions };
  }
  onUnexpected(formatted);
  return { ...base, message: 'Internal server error.', extensions: { code: Errors.INTERNAL_SERVER_ERROR.name } };
}
