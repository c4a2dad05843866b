import { createHash } from 'node:crypto';
import type { ApolloGateway } from '@apollo/gateway';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { operationFromDocument, type Schema } from '@apollo/federation-internals';
import { Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { Errors, type Identity, type Logger, type Role, type TrustedDocument, type TrustedDocumentManifest } from '@village-graph/shared';

/**
 * Trusted documents at the gateway (the manifest is built by `pnpm trusted-documents` from the
 * apps' operations in docs/queries/):
 * - an app may send a registered operation by hash — Apollo's persisted-query extension
 *   `{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"…"}}}` — or by `operationName`
 *   alone, instead of its text; the gateway fills the text in from the manifest;
 * - when enforcing (production), callers whose role may not send ad-hoc operations (everyone but
 *   analysts, by default) get TRUSTED_DOCUMENT_REQUIRED for anything else. A registered text sent
 *   verbatim counts as registered: Apollo hashes every request's text the same way (`queryHash`).
 *   Pure introspection stays open to signed-in callers, so the explorer can show the schema.
 */
export interface TrustedDocumentsOptions<TContext> {
  manifest: TrustedDocumentManifest;
  enforce: boolean;
  /** Roles that may send operations outside the manifest while enforcing. */
  adHocRoles: readonly Role[];
  identityOf(context: TContext): Identity;
}

const isIntrospectionOnly = (operation: OperationDefinitionNode | undefined): boolean =>
  !!operation && operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'));

export function createTrustedDocumentsPlugin<TContext extends BaseContext>(options: TrustedDocumentsOptions<TContext>): ApolloServerPlugin<TContext> {
  const byId = new Map(options.manifest.documents.map((d) => [d.id, d]));
  const byName = new Map(options.manifest.documents.map((d) => [d.name, d]));
  return {
    async requestDidStart({ request }) {
      // Runs before Apollo reads the request's text: a registered operation asked for by hash or
      // name gets its text here. An unknown hash falls through to Apollo's own persisted-query
      // handling (PERSISTED_QUERY_NOT_FOUND), which clients already know how to react to.
      if (!request.query) {
        const persisted = request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
        const registered =
          typeof persisted?.sha256Hash === 'string' ? byId.get(persisted.sha256Hash) : !persisted && request.operationName ? byName.get(request.operationName) : undefined;
        if (registered) {
          request.query = registered.document;
          request.operationName ??= registered.name;
          const { persistedQuery: _, ...rest } = request.extensions ?? {};
          request.extensions = rest;
        }
      }
      if (!options.enforce) return;
      return {
        async didResolveOperation({ contextValue, queryHash, operation }) {
          if (byId.has(queryHash)) return;
          const { role } = options.identityOf(contextValue);
          if (options.adHocRoles.includes(role)) return;
          if (role !== 'PUBLIC' && isIntrospectionOnly(operation)) return;
          throw Errors.TRUSTED_DOCUMENT_REQUIRED.error(
            `The ${role} role may send only the apps' registered operations: send one by its hash or its name, or register a new one in docs/queries/ (pnpm trusted-documents). Ad-hoc queries are for ${options.adHocRoles.join(', ')}.`,
            { http: { status: 403 } },
          );
        },
      };
    },
  };
}

/** The private parts of ApolloGateway that plan an operation (stable within the pinned 2.14 line). */
interface GatewayPlanningInternals {
  apiSchema?: Schema;
  queryPlanner?: { buildQueryPlan(operation: ReturnType<typeof operationFromDocument>, options?: object): unknown };
  queryPlanStore?: { set(key: string, plan: unknown): Promise<void> };
  recursiveSelectionsLimitDisabled?: boolean;
  nonLocalSelectionsLimitDisabled?: boolean;
}

/** The key ApolloGateway files a plan under (its executor: sha256(queryHash + operationName), or queryHash). */
const planKeyOf = (queryHash: string, operationName: string | undefined) =>
  operationName ? createHash('sha256').update(queryHash).update(operationName).digest('hex') : queryHash;

/**
 * Plans every manifest operation as soon as a supergraph is loaded or swapped in (the gateway
 * empties its plan cache then), so an app's first request does not pay for planning. Returns how
 * many were planned; failures are logged, never fatal (the operation is then planned on first use).
 */
export function warmQueryPlans(gateway: ApolloGateway, documents: readonly TrustedDocument[], logger: Logger): void {
  gateway.onSchemaLoadOrUpdate(() => {
    const internals = gateway as unknown as GatewayPlanningInternals;
    const { apiSchema, queryPlanner, queryPlanStore } = internals;
    if (!apiSchema || !queryPlanner || !queryPlanStore) {
      logger.warn('cannot warm query plans: this @apollo/gateway version plans differently');
      return;
    }
    const started = performance.now();
    let planned = 0;
    for (const trusted of documents) {
      try {
        const document: DocumentNode = parse(trusted.document);
        const plan = queryPlanner.buildQueryPlan(operationFromDocument(apiSchema, document, { operationName: trusted.name }), {
          recursiveSelectionsLimitDisabled: internals.recursiveSelectionsLimitDisabled,
          nonLocalSelectionsLimitDisabled: internals.nonLocalSelectionsLimitDisabled,
        });
        // Under both keys: apps send the name with the text, but may leave it out.
        void queryPlanStore.set(planKeyOf(trusted.id, trusted.name), plan);
        void queryPlanStore.set(planKeyOf(trusted.id, undefined), plan);
        planned++;
      } catch (error) {
        logger.warn({ operationName: trusted.name, err: error }, 'could not plan a trusted document ahead of time');
      }
    }
    logger.info({ planned, durationMs: Math.round(performance.now() - started) }, 'query plans warmed for the trusted documents');
  });
}
