import { describe, expect, it } from 'vitest';
import { canListWithin, canSeeRow, rowScopeOf } from '../src/auth/row-scope.ts';
import { PUBLIC_IDENTITY, type Identity } from '../src/auth/claims.ts';

const as = (overrides: Partial<Identity>): Identity => ({ ...PUBLIC_IDENTITY, requestId: 't', ...overrides });

describe('row scopes', () => {
  it('keeps a grid worker to their grid where the grid is known, and to its village otherwise', () => {
    const scope = rowScopeOf(as({ role: 'GRID_WORKER', regions: ['220112001201001'] }));
    expect(canSeeRow(scope, { villageCode: '220112001201', gridCode: '220112001201001' })).toBe(true);
    expect(canSeeRow(scope, { villageCode: '220112001201', gridCode: '220112001201002' })).toBe(false);
    expect(canSeeRow(scope, { villageCode: '220112001201' })).toBe(true);
    expect(canSeeRow(scope, { villageCode: '220112001202' })).toBe(false);
    expect(canListWithin(scope, '220112001201')).toBe(true);
    expect(canListWithin(scope, '220112001000')).toBe(false);
  });

  it('gives county staff their county, residents themselves, analysts and the public no rows', () => {
    const county = rowScopeOf(as({ role: 'DEPARTMENT_STAFF', regions: ['220112000000'], departments: ['health'] }));
    expect(canSeeRow(county, { villageCode: '220112003205' })).toBe(true);
    expect(canSeeRow(county, { villageCode: '220113003205' })).toBe(false);
    expect(canListWithin(county, '220112003000')).toBe(true);
    expect(canListWithin(county, '220100000000')).toBe(false);
    const me = rowScopeOf(as({ role: 'RESIDENT', residentId: 'R0000000000000001' }));
    expect(canSeeRow(me, { villageCode: '220112003205', residentId: 'R0000000000000001' })).toBe(true);
    expect(canSeeRow(me, { villageCode: '220112003205', residentId: 'R0000000000000002' })).toBe(false);
    for (const role of ['ANALYST', 'PUBLIC'] as const) expect(canSeeRow(rowScopeOf(as({ role })), { villageCode: '220112003205' })).toBe(false);
    expect(canSeeRow(rowScopeOf(as({ role: 'ADMINISTRATOR' })), { villageCode: '229999999999' })).toBe(true);
  });
});
