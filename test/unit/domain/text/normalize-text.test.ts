/** Table-driven tests of the text normal forms (half-width, simplified, spaces, person names). */
import {
  collapseSpaces,
  normalizePersonName,
  normalizeText,
  removeZeroWidth,
  toHalfWidth,
  toSimplified,
} from '../../../../src/domain/text/normalize-text';

describe('toHalfWidth', () => {
  test.each([
    ['ＡＢＣ１２３', 'ABC123'],
    ['ａｂｃ', 'abc'],
    ['！～', '!~'],
    ['３＃５０１', '3#501'],
    ['３－２－５０１', '3-2-501'],
    ['（华景）', '(华景)'],
    ['a\u3000b', 'a b'],
    ['广州市', '广州市'],
    ['', ''],
    ['plain ascii', 'plain ascii'],
  ])('%p → %p', (input, expected) => {
    expect(toHalfWidth(input)).toBe(expected);
  });

  test('every full-width ASCII code point maps to its ASCII twin', () => {
    for (let code = 0xff01; code <= 0xff5e; code++) {
      expect(toHalfWidth(String.fromCharCode(code))).toBe(String.fromCharCode(code - 0xfee0));
    }
  });
});

describe('toSimplified', () => {
  test.each([
    ['廣東省廣州市天河區', '广东省广州市天河区'],
    ['華景新城3棟2單元', '华景新城3栋2单元'],
    ['臺灣', '台湾'],
    ['瀋陽', '沈阳'],
    ['頭髮', '头发'],
    ['乾燥', '干燥'],
    ['乾隆', '乾隆'],
    ['號樓層戶鄉鎮縣', '号楼层户乡镇县'],
    ['陝西省鄭州', '陕西省郑州'],
    ['广东省广州市天河区', '广东省广州市天河区'],
    ['ASCII only 123', 'ASCII only 123'],
    ['', ''],
  ])('%p → %p', (input, expected) => {
    expect(toSimplified(input)).toBe(expected);
  });

  test('simplified text that skips OpenCC (fast path) is returned unchanged', () => {
    const s = '广东省广州市天河区石牌街道华师社区中山大道西55号';
    expect(toSimplified(s)).toBe(s);
  });

  test('converting twice changes nothing', () => {
    const once = toSimplified('廣東省廣州市天河區石牌街道華師社區');
    expect(toSimplified(once)).toBe(once);
  });
});

describe('collapseSpaces and removeZeroWidth', () => {
  test.each([
    ['a  b', 'a b'],
    ['a\t\n b', 'a b'],
    ['a\u00a0\u00a0b', 'a b'],
    ['a\u3000b', 'a b'],
    ['  a ', ' a '],
  ])('collapseSpaces(%p) = %p', (input, expected) => {
    expect(collapseSpaces(input)).toBe(expected);
  });

  test.each([
    ['a\u200bb', 'ab'],
    ['\ufeff张三', '张三'],
    ['张\u200c\u200d三', '张三'],
    ['张\u2060三\u00ad', '张三'],
    ['张三', '张三'],
  ])('removeZeroWidth(%p) = %p', (input, expected) => {
    expect(removeZeroWidth(input)).toBe(expected);
  });
});

describe('normalizeText', () => {
  test.each([
    ['  廣東省　廣州市  ', '广东省 广州市'],
    ['\ufeff华景新城３栋\u200b５０１', '华景新城3栋501'],
    ['Ｈｅｌｌｏ　Ｗｏｒｌｄ', 'Hello World'],
    ['  plain   ascii  ', 'plain ascii'],
    ['', ''],
    ['\u3000\u3000', ''],
  ])('%p → %p', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  test.each(['  廣東省　廣州市  ', 'ＡＢＣ　１２３', '華景新城\u200b三棟'])('is idempotent on %p', (input) => {
    const once = normalizeText(input);
    expect(normalizeText(once)).toBe(once);
  });
});

describe('normalizePersonName', () => {
  test.each([
    [' 张 三 ', '张三'],
    ['張三豐', '张三丰'],
    ['买买提·艾力', '买买提·艾力'],
    ['买买提・艾力', '买买提·艾力'],
    ['买买提•艾力', '买买提·艾力'],
    ['买买提‧艾力', '买买提·艾力'],
    ['买买提.艾力', '买买提·艾力'],
    ['买买提．艾力', '买买提·艾力'],
    ['买买提 · 艾力', '买买提·艾力'],
    ['买买提･艾力', '买买提·艾力'],
    ['阿卜杜拉·买买提·吐尔逊', '阿卜杜拉·买买提·吐尔逊'],
    ['john smith', 'JOHNSMITH'],
    ['Ｊｏｈｎ', 'JOHN'],
    ['J.K.Rowling', 'J.K.ROWLING'],
    ['\u200b王\u00a0伟', '王伟'],
    ['', ''],
  ])('%p → %p', (input, expected) => {
    expect(normalizePersonName(input)).toBe(expected);
  });
});
