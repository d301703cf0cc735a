import { fromGlobalId, toGlobalId } from '../../../src/api/global-id';

const viaBuffer = (type: string, id: number | string) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');

describe('global ids', () => {
  it('are base64url of "Type:id", byte for byte as Buffer encodes them, for every length', () => {
    for (const type of ['Person', 'Grid', 'Address', 'Organisation', 'X', 'Event']) {
      for (const id of [0, 1, 7, 42, 999, 20369, 1234567, 2 ** 53 - 1, 'abc', 'a-b_c~']) {
        expect(toGlobalId(type, id)).toBe(viaBuffer(type, id));
      }
    }
  });

  it('encode characters outside ASCII as UTF-8, as before', () => {
    expect(toGlobalId('Grid', '网格01')).toBe(viaBuffer('Grid', '网格01'));
    expect(toGlobalId('Person', 'é')).toBe(viaBuffer('Person', 'é'));
  });

  it('decode back to type and id', () => {
    expect(fromGlobalId(toGlobalId('Person', 20369))).toEqual({ type: 'Person', id: '20369' });
    expect(fromGlobalId(toGlobalId('Grid', '网格01'))).toEqual({ type: 'Grid', id: '网格01' });
    expect(fromGlobalId('bm9jb2xvbg')).toBeNull();
  });
});
