import { runSubgraph } from '@village-graph/shared';
import { agriculture } from './subgraph.ts';

await runSubgraph(agriculture);
