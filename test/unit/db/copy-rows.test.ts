/** The text COPY encoding: escaping, NULL, array literals, JSON for objects. */
import { arrayLiteral, copyField, copyLine, escapeCopyText, COPY_NULL } from '../../../src/db/copy-rows';

describe('escapeCopyText', () => {
  it('leaves plain text alone', () => {
    expect(escapeCopyText('张三 abc,{}"\'')).toBe('张三 abc,{}"\'');
    expect(escapeCopyText('')).toBe('');
  });
  it('escapes backslash, tab, newline and carriage return', () => {
    expect(escapeCopyText('a\\b')).toBe('a\\\\b');
    expect(escapeCopyText('a\tb\nc\rd')).toBe('a\\tb\\nc\\rd');
    expect(escapeCopyText('\\N')).toBe('\\\\N');
    expect(escapeCopyText('\\\t\n\r')).toBe('\\\\\\t\\n\\r');
  });
});

describe('copyField', () => {
  it('writes null and undefined as \\N', () => {
    expect(copyField(null)).toBe(COPY_NULL);
    expect(copyField(undefined)).toBe('\\N');
  });
  it('writes scalars as their input text', () => {
    expect(copyField(42)).toBe('42');
    expect(copyField(-0.125)).toBe('-0.125');
    expect(copyField(Number.NaN)).toBe('\\N');
    expect(copyField(Number.POSITIVE_INFINITY)).toBe('\\N');
    expect(copyField(12345678901234567890n)).toBe('12345678901234567890');
    expect(copyField(true)).toBe('true');
    expect(copyField(false)).toBe('false');
    expect(copyField(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03:04:05.678Z');
    expect(copyField('N')).toBe('N');
  });
  it('writes objects as JSON, escaped for COPY', () => {
    expect(copyField({ a: 'x"y', b: [1, null] })).toBe('{"a":"x\\\\"y","b":[1,null]}');
    expect(copyField({ t: 'a\tb' })).toBe('{"t":"a\\\\tb"}');
  });
  it('writes arrays as array literals', () => {
    expect(copyField([])).toBe('{}');
    expect(copyField([1, 2, 3])).toBe('{1,2,3}');
    expect(copyField([1.5, null, -2])).toBe('{1.5,NULL,-2}');
  });
});

describe('arrayLiteral', () => {
  it('quotes elements that need it', () => {
    expect(arrayLiteral(['a', 'b c', 'd,e', '', 'NULL', 'null', 'x"y', 'p\\q', '{z}'])).toBe(
      '{a,"b c","d,e","","NULL","null","x\\"y","p\\\\q","{z}"}',
    );
  });
  it('nests arrays', () => {
    expect(arrayLiteral([[1, 2], [3, 4]])).toBe('{{1,2},{3,4}}');
  });
  it('is escaped again as a COPY field', () => {
    expect(copyField(['p\\q', 'a\tb'])).toBe('{"p\\\\\\\\q","a\\tb"}');
  });
});

describe('copyLine', () => {
  it('joins fields with tabs and ends with a newline', () => {
    expect(copyLine([1, null, 'a\tb', [1, 2]])).toBe('1\t\\N\ta\\tb\t{1,2}\n');
  });
});
