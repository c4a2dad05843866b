import { runSubgraph } from '@village-graph/shared';
import { justice } from './subgraph.ts';

await runSubgraph(justice);
