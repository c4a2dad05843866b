import type DataLoader from 'dataloader';
import { parsePageArgs, toConnection, type PageArgs } from '@village-graph/shared';
import { cursorKey, parseListCursor } from '../region-list.ts';
import type { RegionPageKey } from '../loaders.ts';

interface RegionListLoaders<Row, F> {
  page: DataLoader<RegionPageKey<F>, Row[], string>;
  count: DataLoader<{ regionCode: string; filters: F }, number, string>;
}

/**
 * One region's page of a region list as a connection: fetches `first + 1` rows (the extra one only
 * says whether another page follows) and the total, both through batched loaders.
 */
export async function regionConnection<Row extends { villageCode: string }, F>(
  loaders: RegionListLoaders<Row, F>,
  regionCode: string,
  args: PageArgs,
  filters: F,
  keyOf: (row: Row) => string,
) {
  const page = parsePageArgs(args);
  const after = parseListCursor(page.afterKey);
  const [rows, total] = await Promise.all([
    loaders.page.load({ regionCode, limit: page.limit + 1, after, filters }),
    loaders.count.load({ regionCode, filters }),
  ]);
  return toConnection(rows, page, total, (row) => cursorKey(row.villageCode, keyOf(row)));
}
