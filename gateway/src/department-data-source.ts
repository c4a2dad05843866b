import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { Errors, type Logger } from '@village-graph/shared';

/** Marks an HTTP failure whose body we have already read. */
class SubgraphHttpError extends Error {
  constructor(readonly status: number, readonly body: unknown) {
    super(`HTTP ${status}`);
  }
}

const isGraphQLBody = (body: unknown): body is { errors: unknown[]; data?: unknown } =>
  typeof body === 'object' && body !== null && Array.isArray((body as { errors?: unknown }).errors);

/**
 * How the gateway talks to one department. On top of Apollo's remote data source it turns every
 * transport failure into a registry error that names the department (SUBGRAPH_UNAVAILABLE,
 * SUBGRAPH_ERROR) and carries no URL, body or stack: the gateway then answers with every other
 * department's data and nulls where this one's fields were.
 */
export class DepartmentDataSource extends RemoteGraphQLDataSource {
  constructor(
    readonly subgraphName: string,
    url: string,
    private readonly logger: Logger,
  ) {
    super({ url });
  }

  override async process(options: GraphQLDataSourceProcessOptions): ReturnType<RemoteGraphQLDataSource['process']> {
    try {
      return await super.process(options);
    } catch (error) {
      // A subgraph that refused the request with a GraphQL body (e.g. 400 on bad variables) has
      // already said what is wrong in its own, masked, words: pass those errors on.
      if (error instanceof SubgraphHttpError && isGraphQLBody(error.body)) {
        return { errors: error.body.errors as GraphQLError[], data: (error.body.data ?? null) as Record<string, unknown> | null };
      }
      throw this.failure(error);
    }
  }

  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const body = await this.parseBody(response).catch(() => null);
    return new SubgraphHttpError(response.status, body) as unknown as GraphQLError;
  }

  private failure(error: unknown): GraphQLError {
    const subgraph = this.subgraphName;
    if (error instanceof SubgraphHttpError) {
      this.logger.warn({ subgraph, status: error.status }, 'subgraph answered with an HTTP error');
      return Errors.SUBGRAPH_ERROR.error(`The ${subgraph} service answered with HTTP ${error.status}; its fields are missing from this response.`, { subgraph });
    }
    if (error instanceof GraphQLError && typeof error.extensions.code === 'string') return error;
    this.logger.warn({ subgraph, err: error }, 'subgraph unreachable');
    return Errors.SUBGRAPH_UNAVAILABLE.error(`The ${subgraph} service is unavailable; its fields are missing from this response.`, { subgraph });
  }
}
