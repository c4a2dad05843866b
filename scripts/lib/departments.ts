import { agriculture } from '@village-graph/agriculture';
import { civilAffairs } from '@village-graph/civil-affairs';
import { health } from '@village-graph/health';
import { housing } from '@village-graph/housing';
import { justice } from '@village-graph/justice';
import type { SubgraphModule } from '@village-graph/shared';

/**
 * The departments in the graph, in port order (4001–4005). Scripts loop over this list; nothing
 * else in scripts/ names a department. (A subgraph never imports another; only scripts see all.)
 */
export const departments: readonly SubgraphModule<object>[] = [civilAffairs, agriculture, housing, justice, health] as never;
