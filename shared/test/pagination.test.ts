import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, parsePageArgs, toConnection } from '../src/pagination.ts';
import { maskError } from '../src/errors.ts';
import { createRandom } from '../src/random.ts';

describe('cursor pagination', () => {
  it('round-trips cursors and refuses ones it did not issue', () => {
    expect(decodeCursor(encodeCursor('220112001201'))).toBe('220112001201');
    expect(() => decodeCursor('not a cursor')).toThrowError(/not a cursor/);
    expect(() => decodeCursor(Buffer.from('other:1').toString('base64url'))).toThrowError(/not a cursor/);
  });

  it('refuses first beyond the limit rather than clamping it', () => {
    expect(parsePageArgs({ first: 3 })).toEqual({ limit: 3, afterKey: null });
    expect(() => parsePageArgs({ first: 501 })).toThrowError(/first must be between 0 and 500/);
    expect(() => parsePageArgs({ first: -1 })).toThrowError(/first/);
  });

  it('uses the extra row only to tell whether another page follows', () => {
    const page = parsePageArgs({ first: 2 });
    const connection = toConnection(['a', 'b', 'c'], page, 7, (r) => r);
    expect(connection.nodes).toEqual(['a', 'b']);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(connection.pageInfo.endCursor!)).toBe('b');
    expect(connection.totalCount).toBe(7);
    expect(toConnection(['a'], page, 1, (r) => r).pageInfo).toEqual({ hasNextPage: false, endCursor: encodeCursor('a') });
  });
});

describe('error masking', () => {
  it('keeps registry errors and hides everything else', () => {
    expect(maskError({ message: 'bad first', extensions: { code: 'BAD_USER_INPUT', stacktrace: ['at x'] } })).toEqual({
      message: 'bad first',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const masked = maskError({ message: 'SQLITE_ERROR: no such table: regions', extensions: { stacktrace: ['/work/x.ts:1'] } });
    expect(masked).toEqual({ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});

describe('seeded random streams', () => {
  it('repeats for the same seed and stream and differs otherwise', () => {
    const draw = (seed: number, stream: string) => Array.from({ length: 5 }, createRandom(seed, stream).next);
    expect(draw(1, 'a')).toEqual(draw(1, 'a'));
    expect(draw(1, 'a')).not.toEqual(draw(2, 'a'));
    expect(draw(1, 'a')).not.toEqual(draw(1, 'b'));
  });
});
