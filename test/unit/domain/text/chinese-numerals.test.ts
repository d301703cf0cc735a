/** Table-driven tests of Chinese numeral reading and the address-safe numeral rewrite. */
import { chineseNumeralToDigits, chineseToNumber, replaceChineseNumerals } from '../../../../src/domain/text/chinese-numerals';

describe('chineseToNumber', () => {
  test.each([
    ['零', 0],
    ['〇', 0],
    ['一', 1],
    ['两', 2],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十一', 21],
    ['一百', 100],
    ['一百一十', 110],
    ['一百十', 110],
    ['三百零五', 305],
    ['三百五', 350],
    ['三百五十', 350],
    ['一千零五', 1005],
    ['一千零五十', 1050],
    ['两千', 2000],
    ['一万', 10000],
    ['一万五', 15000],
    ['一万零三百', 10300],
    ['十万', 100000],
    ['一亿二千万', 120000000],
    ['壹仟贰佰叁拾肆', 1234],
    ['伍拾', 50],
    ['玖佰零柒', 907],
    ['一〇一', 101],
    ['二〇二四', 2024],
    ['五零一', 501],
    ['一二三', 123],
    ['幺零一', 101],
    [' 十二 ', 12],
  ])('%p = %p', (input, expected) => {
    expect(chineseToNumber(input)).toBe(expected);
  });

  test.each(['', '百', '千户', '三五百', '百百', '十百', '一万万', '万', '三a', '12', '三百五四'])('%p is not a numeral', (input) => {
    expect(chineseToNumber(input)).toBeUndefined();
  });
});

describe('chineseNumeralToDigits', () => {
  test.each([
    ['五零一', '501'],
    ['〇一', '01'],
    ['十二', '12'],
    ['三百零五', '305'],
    ['百', undefined],
    ['', undefined],
  ])('%p → %p', (input, expected) => {
    expect(chineseNumeralToDigits(input)).toBe(expected);
  });
});

describe('replaceChineseNumerals, address context', () => {
  test.each([
    // converted: numeral + unit word
    ['三号楼', '3号楼'],
    ['十二栋', '12栋'],
    ['三幢', '3幢'],
    ['二座', '2座'],
    ['五零一室', '501室'],
    ['五〇一房', '501房'],
    ['二单元', '2单元'],
    ['第三单元', '3单元'],
    ['第二十一栋', '21栋'],
    ['五楼', '5楼'],
    ['十层', '10层'],
    ['三户', '3户'],
    ['三组', '3组'],
    ['第三村民小组', '3村民小组'],
    ['五队', '5队'],
    ['二期', '2期'],
    ['一段', '1段'],
    ['九街坊', '9街坊'],
    ['第三区', '3区'],
    ['中山路三巷', '中山路3巷'],
    ['长乐路一二三弄', '长乐路123弄'],
    ['三巷五号', '3巷5号'],
    ['十二号', '12号'],
    ['五楼〇一室', '5楼01室'],
    ['12号之三', '12号之3'],
    ['12号附三', '12号附3'],
    ['3栋五零一', '3栋501'],
    ['2单元五零一', '2单元501'],
    ['地下一层', '地下1层'],
    ['两室一厅', '2室一厅'],
    // not converted: numerals inside names
    ['三元里', '三元里'],
    ['五一路', '五一路'],
    ['中山一路', '中山一路'],
    ['中山五路二号', '中山五路2号'],
    ['七里河区', '七里河区'],
    ['九龙坡区', '九龙坡区'],
    ['二七区', '二七区'],
    ['十堰市', '十堰市'],
    ['六盘水市', '六盘水市'],
    ['三门峡市', '三门峡市'],
    ['八一大道', '八一大道'],
    ['万科城', '万科城'],
    ['三坊七巷', '三坊七巷'],
    ['西江千户苗寨', '西江千户苗寨'],
    ['市第一中学', '市第一中学'],
    ['第三人民医院', '第三人民医院'],
    ['一中', '一中'],
    ['东四十条', '东四十条'],
    ['百花小区', '百花小区'],
    ['四季花城', '四季花城'],
    ['两河口镇', '两河口镇'],
    ['三元五', '三元五'],
    ['华景新城', '华景新城'],
    ['', ''],
  ])('%p → %p', (input, expected) => {
    expect(replaceChineseNumerals(input, { context: 'address' })).toBe(expected);
  });

  test('address is the default context', () => {
    expect(replaceChineseNumerals('五一路十二号')).toBe('五一路12号');
  });
});

describe('replaceChineseNumerals, all context', () => {
  test.each([
    ['二〇二四年', '2024年'],
    ['三百零五人', '305人'],
    ['五一路', '51路'],
    ['百花', '百花'],
  ])('%p → %p', (input, expected) => {
    expect(replaceChineseNumerals(input, { context: 'all' })).toBe(expected);
  });
});
