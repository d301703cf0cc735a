import { boundaryKey, childPath, gridChange, inSubtree, levelRank, parentsFirst, pathIds, type GridChange, type GridState } from '../../../src/grid/grid-rules';

describe('levels and paths', () => {
  it('ranks levels top-down; business grids alongside base grids', () => {
    const order = ['city', 'district', 'town', 'community', 'base', 'household_group'].map(levelRank);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(order).size).toBe(order.length);
    expect(levelRank('business')).toBe(levelRank('base'));
    expect(levelRank('something_new')).toBeGreaterThan(levelRank('household_group'));
  });

  it('materialised paths: parent path + own id', () => {
    expect(childPath(null, 1)).toBe('/1/');
    expect(childPath('/1/5/', 23)).toBe('/1/5/23/');
    expect(pathIds('/1/5/23/')).toEqual([1, 5, 23]);
    expect(inSubtree('/1/5/23/', '/1/5/')).toBe(true);
    expect(inSubtree('/1/5/', '/1/5/')).toBe(true);
    expect(inSubtree('/1/55/', '/1/5/')).toBe(false);
  });
});

describe('parentsFirst', () => {
  it('orders parents before children, code order within a depth; unknown parents count as roots', () => {
    const grids = [
      { code: 'c2', parentCode: 'b1' }, { code: 'a', parentCode: null }, { code: 'b1', parentCode: 'a' },
      { code: 'c1', parentCode: 'b1' }, { code: 'x', parentCode: 'elsewhere' },
    ];
    expect(parentsFirst(grids).ordered.map((g) => g.code)).toEqual(['a', 'x', 'b1', 'c1', 'c2']);
  });

  it('reports grids on a parent cycle instead of dropping them', () => {
    const r = parentsFirst([{ code: 'p', parentCode: 'q' }, { code: 'q', parentCode: 'p' }, { code: 'r' }]);
    expect(r.ordered.map((g) => g.code)).toEqual(['r']);
    expect(r.cyclic.map((g) => g.code).sort()).toEqual(['p', 'q']);
  });
});

describe('gridChange', () => {
  const base: GridState = { name: '第1网格', kind: 'base', levelKey: 'base', parentCode: '440106001001', department: null, boundaryKey: '[1]' };
  it.each<[string, Partial<GridState>, GridChange]>([
    ['nothing', {}, { action: 'none' }],
    ['new parent', { parentCode: '440106001002' }, { action: 'version', kind: 'boundary' }],
    ['new boundary', { boundaryKey: '[2]' }, { action: 'version', kind: 'boundary' }],
    ['new level', { levelKey: 'household_group', kind: 'household_group' }, { action: 'version', kind: 'recode' }],
    ['new name', { name: '第一网格' }, { action: 'version', kind: 'rename' }],
    ['new department', { department: 'police' }, { action: 'update' }],
  ])('%s', (_n, change, expected) => {
    expect(gridChange(base, { ...base, ...change })).toEqual(expected);
  });

  it('boundary keys ignore key order and sub-centimetre noise', () => {
    expect(boundaryKey({ type: 'Polygon', coordinates: [[[113.30000001, 23.1]]] })).toBe(boundaryKey({ coordinates: [[[113.3, 23.1]]], type: 'Polygon' }));
    expect(boundaryKey({ type: 'Polygon', coordinates: [[[113.3001, 23.1]]] })).not.toBe(boundaryKey({ type: 'Polygon', coordinates: [[[113.3, 23.1]]] }));
    expect(boundaryKey(null)).toBeNull();
  });
});
