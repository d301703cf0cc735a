/** Table-driven tests of the person-name comparators, with the DOMAIN.md examples (蒋经国/蒋纬国, 伟/玮, 静/婧, 王伟). */
import {
  givenName,
  homophone,
  oneCharApart,
  pinyinEqual,
  surname,
  surnameEqual,
  surnameLength,
  tokensEqualUnordered,
  transposedGiven,
} from '../../../../src/resolve/compare/name-compare';

describe('pinyinEqual', () => {
  test.each([
    ['王伟', '王伟', true],
    ['王伟', '王玮', true],
    ['张伟', '章伟', true],
    ['李静', '李婧', true],
    ['蒋经国', '蒋纬国', false],
    ['单雄信', '山雄信', true], // 单 read as the surname shan
    ['王伟', '王伟伟', false],
    ['买买提·艾力', '买买提艾力', true],
    ['王伟', '', false],
    ['', '', false],
  ])('%p / %p → %p', (a, b, expected) => {
    expect(pinyinEqual(a, b)).toBe(expected);
    expect(pinyinEqual(b, a)).toBe(expected);
  });
});

describe('homophone', () => {
  test.each([
    ['张伟', '张玮', true],
    ['李静', '李婧', true],
    ['张伟', '章伟', true], // the surname as well
    ['张伟', '章玮', true],
    ['王伟', '王伟', false], // equal is not a typo
    ['蒋经国', '蒋纬国', false], // one character apart, different sound
    ['张伟', '张伟伟', false],
    ['张伟', '张大', false],
    ['买买提·艾力', '买买提·艾丽', true],
    ['买买提·艾力', '买买提-艾力', false], // a differing non-Chinese character
    ['JOHN', 'JOHM', false],
    ['', '', false],
  ])('%p / %p → %p', (a, b, expected) => {
    expect(homophone(a, b)).toBe(expected);
    expect(homophone(b, a)).toBe(expected);
  });
});

describe('oneCharApart', () => {
  test.each([
    ['蒋经国', '蒋纬国', true],
    ['张伟', '张玮', true],
    ['王建国', '王建华', true],
    ['王建国', '王建国', false],
    ['王建国', '李建国', false], // the surname differs
    ['王建国', '王国建', false], // two characters differ
    ['王伟', '王伟伟', false],
    ['王', '李', false],
    ['', '', false],
  ])('%p / %p → %p', (a, b, expected) => {
    expect(oneCharApart(a, b)).toBe(expected);
    expect(oneCharApart(b, a)).toBe(expected);
  });
});

describe('surname / givenName', () => {
  test.each([
    ['王伟', '王', '伟'],
    ['欧阳修', '欧阳', '修'],
    ['诸葛亮', '诸葛', '亮'],
    ['司马相如', '司马', '相如'],
    ['上官婉儿', '上官', '婉儿'],
    ['欧阳', '欧', '阳'], // no given name would be left: 欧 + 阳
    ['欧明华', '欧', '明华'],
    ['张', '张', ''],
    ['', '', ''],
  ])('%p → %p + %p', (name, sur, given) => {
    expect(surname(name)).toBe(sur);
    expect(givenName(name)).toBe(given);
    expect(surnameLength(name)).toBe(sur.length);
  });
});

describe('surnameEqual', () => {
  test.each([
    ['王伟', '王芳', true],
    ['王伟', '汪伟', false],
    ['欧阳修', '欧阳锋', true],
    ['欧阳修', '欧修', false],
    ['欧阳修', '欧明华', false], // 欧阳 vs 欧
    ['司马光', '司徒光', false],
    ['王伟', '', false],
    ['', '', false],
  ])('%p / %p → %p', (a, b, expected) => {
    expect(surnameEqual(a, b)).toBe(expected);
    expect(surnameEqual(b, a)).toBe(expected);
  });
});

describe('transposedGiven', () => {
  test.each([
    ['王建国', '王国建', true],
    ['欧阳明华', '欧阳华明', true],
    ['王建国', '王建国', false],
    ['王建国', '建王国', false], // the surname moved
    ['王建国', '王建华', false],
    ['王伟', '伟王', false],
    ['王小明华', '王明小华', true],
    ['王小明华', '王华明小', false],
    ['', '', false],
  ])('%p / %p → %p', (a, b, expected) => {
    expect(transposedGiven(a, b)).toBe(expected);
    expect(transposedGiven(b, a)).toBe(expected);
  });
});

describe('tokensEqualUnordered', () => {
  test.each([
    ['JOHN SMITH', 'SMITH JOHN', true],
    ['JOHN SMITH', 'SMITH, JOHN', true],
    ['JOHN  SMITH', ' smith john ', true],
    ['JOHN SMITH', 'JOHN SMITH', true],
    ['JOHN PAUL SMITH', 'SMITH JOHN PAUL', true],
    ['JOHN JOHN SMITH', 'JOHN SMITH SMITH', false], // multisets differ
    ['JOHN SMITH', 'JOHN SMYTH', false],
    ['JOHN SMITH', 'JOHN', false],
    ['JOHNSMITH', 'SMITH JOHN', false],
    ['买买提·艾力', '艾力·买买提', true],
    ['JEAN-PAUL SARTRE', 'SARTRE JEAN-PAUL', true],
    ['A B C D E F G H I J K L M N O P Q R S T', 'T S R Q P O N M L K J I H G F E D C B A', true],
    ['', '', false],
    [' ', ' ', false],
  ])('%p / %p → %p', (a, b, expected) => {
    expect(tokensEqualUnordered(a, b)).toBe(expected);
    expect(tokensEqualUnordered(b, a)).toBe(expected);
  });

  test('many tokens grow the buffers', () => {
    const words = Array.from({ length: 40 }, (_, i) => `W${i}`);
    expect(tokensEqualUnordered(words.join(' '), [...words].reverse().join(' '))).toBe(true);
    expect(tokensEqualUnordered(words.join(' '), [...words.slice(1), 'X'].join(' '))).toBe(false);
  });
});
