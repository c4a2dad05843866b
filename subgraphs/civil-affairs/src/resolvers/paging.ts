import type DataLoader from 'dataloader';
import { parsePageArgs, toConnection, type PageArgs } from '@village-graph/shared';
import { listCursorKey, toListCursor, type RangePageKey } from '../lists.ts';

type Params = RangePageKey['params'];

/** The page and count loaders of one region-subtree list (see `createRangeListLoaders`). */
export interface RangeListLoaderPair<Row> {
  page: DataLoader<RangePageKey, Row[], string>;
  count: DataLoader<{ region: string; params: Params }, number, string>;
}

/**
 * One region's page of a subtree list, through the request's loaders (so many regions in one
 * response share two statements). Rows are ordered by (region column, order key); cursors carry both.
 */
export async function regionListPage<Row>(
  loaders: RangeListLoaderPair<Row>,
  region: string,
  args: PageArgs,
  params: Params,
  cursorOf: (row: Row) => [region: string, key: string],
) {
  const page = parsePageArgs(args);
  const after = toListCursor(page.afterKey);
  const [rows, total] = await Promise.all([
    loaders.page.load({ region, limit: page.limit + 1, after, params }),
    loaders.count.load({ region, params }),
  ]);
  return toConnection(rows, page, total, (row) => listCursorKey(...cursorOf(row)));
}
