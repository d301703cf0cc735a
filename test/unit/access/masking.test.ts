/** Masking keeps length and type, shows only what the rule keeps, and never returns the input. */
import { maskBirthDate, maskCitizenId, maskDocumentNo, maskPhone } from '../../../src/access/masking';

it.each([
  ['440606199001011234', '440606********1234'],
  ['44060619900101123X', '440606********123X'],
  ['440606900101123', '440606*****1123'],
  ['12345', '***45'],
  ['', ''],
])('maskCitizenId(%s) = %s', (v, masked) => {
  expect(maskCitizenId(v)).toBe(masked);
});

it.each([
  ['13812345678', '138****5678'],
  ['0755-12345678', '075******5678'],
  ['1234567', '*****67'],
])('maskPhone(%s) = %s', (v, masked) => {
  expect(maskPhone(v)).toBe(masked);
});

it('masks document numbers and birth dates', () => {
  expect(maskDocumentNo('E12345678')).toBe('E1*****78');
  expect(maskBirthDate('1990-01-01')).toBe('1990-**-**');
  expect(maskBirthDate('19900101')).toBe('1990****');
});

it('a masked citizen ID and a masked birth date together never give the ID away', () => {
  const id = '440606199001011234';
  const combined = maskCitizenId(id) + maskBirthDate('1990-01-01');
  expect(combined).not.toContain('0101');
  expect(maskCitizenId(id)).toHaveLength(18);
});
