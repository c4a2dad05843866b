import { runSubgraph } from '@village-graph/shared';
import { health } from './subgraph.ts';

await runSubgraph(health);
