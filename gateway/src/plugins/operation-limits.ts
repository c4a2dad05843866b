import { Lexer, NoSchemaIntrospectionCustomRule, Source, TokenKind, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { Errors, type Identity, type Role } from '@village-graph/shared';

/**
 * Per-role operation budgets (graphql-armor's validation rules, run per request with the caller's
 * limits): public callers get small ones, signed-in staff more, analysts the most (ad-hoc
 * statistics). Checked after parsing, before planning; a request over budget never reaches a
 * department. The parser itself is capped at the largest token budget (`MAX_PARSER_TOKENS`).
 */
export interface OperationBudget {
  depth: number;
  aliases: number;
  directives: number;
  tokens: number;
  cost: number;
}

// Costs are graphql-armor's static estimate (objects 2, scalars 1, ×1.5 per level of depth; list
// sizes unknown). For scale: the documented village dashboard costs ~2,000, a county rollup with
// all its townships ~35,000 (docs/queries/).
const PUBLIC_BUDGET: OperationBudget = { depth: 7, aliases: 5, directives: 10, tokens: 1_000, cost: 40_000 };
const STAFF_BUDGET: OperationBudget = { depth: 12, aliases: 20, directives: 30, tokens: 4_000, cost: 60_000 };
const ANALYST_BUDGET: OperationBudget = { depth: 14, aliases: 100, directives: 50, tokens: 12_000, cost: 250_000 };

export const BUDGETS: Readonly<Record<Role, OperationBudget>> = {
  PUBLIC: PUBLIC_BUDGET,
  RESIDENT: STAFF_BUDGET,
  GRID_WORKER: STAFF_BUDGET,
  VILLAGE_CADRE: STAFF_BUDGET,
  DEPARTMENT_STAFF: STAFF_BUDGET,
  ANALYST: ANALYST_BUDGET,
  ADMINISTRATOR: ANALYST_BUDGET,
};

/** Apollo's parser gives up beyond this many tokens, whatever the role. */
export const MAX_PARSER_TOKENS = Math.max(...Object.values(BUDGETS).map((b) => b.tokens));

function countTokens(query: string, limit: number): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  for (let token = lexer.advance(); token.kind !== TokenKind.EOF && count <= limit; token = lexer.advance()) count++;
  return count;
}

const limitError = (message: string) => Errors.OPERATION_LIMIT_EXCEEDED.error(message, { http: { status: 400 } });

/**
 * The token budget of a role, counted on the raw text (the parser itself stops at
 * MAX_PARSER_TOKENS; this applies the caller's own, smaller budget).
 */
export function assertTokenBudget(query: string, role: Role): void {
  const limit = BUDGETS[role].tokens;
  if (countTokens(query, limit) > limit) throw limitError(`The operation has more than ${limit} tokens, the limit for the ${role} role.`);
}

/** Checked outcomes kept per gateway (an operation's outcome for a role never changes). */
const OUTCOME_CACHE_SIZE = 2000;
type Outcome = { refused: 'introspection' } | { refused: 'limit'; message: string } | { refused: false };

export function createOperationLimitsPlugin<TContext extends BaseContext>(
  identityOf: (context: TContext) => Identity,
  {
    introspectionForPublic,
    isTrusted = () => false,
  }: {
    introspectionForPublic: boolean;
    /**
     * Registered operations (trusted documents, by query hash) skip the budgets: they were reviewed
     * when registered, and an app's report may legitimately cost more than any ad-hoc query should.
     */
    isTrusted?: (queryHash: string) => boolean;
  },
): ApolloServerPlugin<TContext> {
  // The budgets depend only on the operation's text and the caller's role: check each pair once.
  const outcomes = new Map<string, Outcome>();
  const check = (source: string, document: DocumentNode, schema: GraphQLSchema, role: Role): Outcome => {
    const budget = BUDGETS[role];
    try {
      assertTokenBudget(source, role);
    } catch (error) {
      return { refused: 'limit', message: (error as Error).message };
    }
    // Armor's rules throw by default; collect their refusals instead and answer with our code.
    const refusals: string[] = [];
    const collect = { propagateOnRejection: false, onReject: [(_context: unknown, error: Error) => void refusals.push(error.message)] };
    const rules: ValidationRule[] = [
      maxDepthRule({ n: budget.depth, exposeLimits: true, flattenFragments: true, ...collect }),
      maxAliasesRule({ n: budget.aliases, exposeLimits: true, ...collect }),
      maxDirectivesRule({ n: budget.directives, exposeLimits: true, ...collect }),
      costLimitRule({ maxCost: budget.cost, exposeLimits: true, ignoreIntrospection: true, ...collect }),
    ];
    if (role === 'PUBLIC' && !introspectionForPublic) rules.push(NoSchemaIntrospectionCustomRule);
    if (validate(schema, document, rules).length > 0) return { refused: 'introspection' };
    if (refusals.length > 0) return { refused: 'limit', message: `${refusals[0]!.replace(/^Syntax Error: /, '')} (limits of the ${role} role)` };
    return { refused: false };
  };
  let checkedSchema: GraphQLSchema | undefined;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, schema, source, queryHash }) {
          if (isTrusted(queryHash)) return;
          const { role } = identityOf(contextValue);
          // A new supergraph may change costs (list fields, types): start over.
          if (schema !== checkedSchema) {
            outcomes.clear();
            checkedSchema = schema;
          }
          const key = `${queryHash}|${role}`;
          let outcome = outcomes.get(key);
          if (!outcome) {
            outcome = check(source ?? '', document, schema, role);
            if (outcomes.size >= OUTCOME_CACHE_SIZE) outcomes.delete(outcomes.keys().next().value as string);
            outcomes.set(key, outcome);
          }
          if (outcome.refused === 'introspection') {
            throw Errors.FORBIDDEN.error('Introspection is not available to anonymous callers in production; sign in or use the published schema.', {
              http: { status: 403 },
            });
          }
          if (outcome.refused === 'limit') throw limitError(outcome.message);
        },
      };
    },
  };
}
