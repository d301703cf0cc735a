/** Table-driven tests of person-name pinyin (surname readings, toneless, ASCII keys). */
import { namePinyin, pinyinKey } from '../../../../src/domain/text/pinyin';

describe('namePinyin', () => {
  test.each([
    ['王伟', ['wang', 'wei']],
    ['张三', ['zhang', 'san']],
    ['单雄信', ['shan', 'xiong', 'xin']],
    ['曾国藩', ['zeng', 'guo', 'fan']],
    ['解缙', ['xie', 'jin']],
    ['仇英', ['qiu', 'ying']],
    ['区志强', ['ou', 'zhi', 'qiang']],
    ['朴树', ['piao', 'shu']],
    ['查良镛', ['zha', 'liang', 'yong']],
    ['欧阳修', ['ou', 'yang', 'xiu']],
    ['尉迟恭', ['yu', 'chi', 'gong']],
    ['万俟卨', ['mo', 'qi', 'xie']],
    ['吕布', ['lv', 'bu']],
    ['女娲', ['nv', 'wa']],
    ['買買提·艾力', ['mai', 'mai', 'ti', 'ai', 'li']],
    ['张 三', ['zhang', 'san']],
    ['John Smith', ['johnsmith']],
    ['', []],
  ])('%p → %p', (name, expected) => {
    expect(namePinyin(name)).toEqual(expected);
  });

  test.each([
    ['单雄信', ['dan', 'xiong', 'xin']],
    ['曾国藩', ['ceng', 'guo', 'fan']],
  ])('without surname mode %p → %p', (name, expected) => {
    expect(namePinyin(name, { surname: false })).toEqual(expected);
  });

  test('surname mode applies only to the leading surname', () => {
    expect(namePinyin('王单')).toEqual(['wang', 'dan']);
  });

  test('results are frozen and cached', () => {
    const first = namePinyin('李四');
    expect(Object.isFrozen(first)).toBe(true);
    expect(namePinyin('李四')).toBe(first);
  });
});

describe('pinyinKey', () => {
  test.each([
    ['王伟', 'wangwei'],
    ['王玮', 'wangwei'],
    ['李静', 'lijing'],
    ['李婧', 'lijing'],
    ['單雄信', 'shanxiongxin'],
    ['买买提・艾力', 'maimaitiaili'],
    ['吕布', 'lvbu'],
  ])('%p → %p', (name, expected) => {
    expect(pinyinKey(name)).toBe(expected);
  });

  test('homophone typos share a key; different names do not', () => {
    expect(pinyinKey('蒋经国')).not.toBe(pinyinKey('蒋纬国'));
    expect(pinyinKey('张伟')).toBe(pinyinKey('章炜'));
  });
});
