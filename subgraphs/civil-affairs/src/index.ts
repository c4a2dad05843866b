import { runSubgraph } from '@village-graph/shared';
import { civilAffairs } from './subgraph.ts';

await runSubgraph(civilAffairs);
