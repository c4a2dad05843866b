import { runSubgraph } from '@village-graph/shared';
import { housing } from './subgraph.ts';

await runSubgraph(housing);
