import { describe, expect, test } from 'vitest';
import { convert15To18, idCheckChar, maskIdNumber, maskPhone, normalizeIdNumber, validateIdNumber } from './id-number.js';

const today = '2024-06-01';
/** Builds a valid ID from its first 17 digits. */
const withCheck = (first17: string) => first17 + idCheckChar(first17);

describe('validateIdNumber', () => {
  test('the standard example 11010519491231002X is valid, female, born 1949-12-31', () => {
    const r = validateIdNumber('11010519491231002X', { today });
    expect(r).toMatchObject({ ok: true, value: '11010519491231002X', birthDate: '1949-12-31', sex: 'F', areaCode: '110105' });
  });

  test('sex from the 17th digit: odd is male', () => {
    const r = validateIdNumber(withCheck('41160219900101123'), { today });
    expect(r.ok && r.sex).toBe('M');
  });

  test('a wrong check character is refused', () => {
    const r = validateIdNumber('110105194912310021', { today });
    expect(r).toMatchObject({ ok: false, code: 'ID_CHECKSUM' });
  });

  test('an impossible birth date is refused even with a correct check character', () => {
    expect(validateIdNumber(withCheck('41160219900230123'), { today })).toMatchObject({ ok: false, code: 'ID_BIRTH_DATE' });
    expect(validateIdNumber(withCheck('41160219901301123'), { today })).toMatchObject({ ok: false, code: 'ID_BIRTH_DATE' });
  });

  test('29 February only in leap years', () => {
    expect(validateIdNumber(withCheck('41160220000229123'), { today }).ok).toBe(true);
    expect(validateIdNumber(withCheck('41160219000229123'), { today })).toMatchObject({ ok: false, code: 'ID_BIRTH_DATE' });
  });

  test('a birth date in the future or over 120 years ago is refused', () => {
    expect(validateIdNumber(withCheck('41160220240602123'), { today })).toMatchObject({ ok: false, code: 'ID_BIRTH_FUTURE' });
    expect(validateIdNumber(withCheck('41160219000101123'), { today })).toMatchObject({ ok: false, code: 'ID_AGE' });
    expect(validateIdNumber(withCheck('41160220240601123'), { today }).ok).toBe(true);
  });

  test('an unknown province code is refused', () => {
    expect(validateIdNumber(withCheck('99160219900101123'), { today })).toMatchObject({ ok: false, code: 'ID_AREA' });
  });

  test('wrong length is refused with the length in the message', () => {
    const r = validateIdNumber('4116021990010112', { today });
    expect(r).toMatchObject({ ok: false, code: 'ID_FORMAT' });
    expect(!r.ok && r.message).toContain('16 位');
  });
});

describe('normalizeIdNumber: the forms Excel and people produce', () => {
  const valid = withCheck('41160219900101123');
  const validX = '11010519491231002X';

  test('full-width digits and X, spaces, dashes and a leading apostrophe are repaired', () => {
    expect(normalizeIdNumber(`４１１６０２１９９００１０１１２３${valid.slice(-1)}`, { today })).toMatchObject({ ok: true, value: valid });
    expect(normalizeIdNumber(` 411602 19900101 ${valid.slice(14)} `, { today })).toMatchObject({ ok: true, value: valid });
    expect(normalizeIdNumber(`411602-1990-0101-${valid.slice(14)}`, { today })).toMatchObject({ ok: true, value: valid });
    expect(normalizeIdNumber(`'${valid}`, { today })).toMatchObject({ ok: true, value: valid });
    expect(normalizeIdNumber('11010519491231002x', { today })).toMatchObject({ ok: true, value: validX });
    expect(normalizeIdNumber('11010519491231002ｘ', { today })).toMatchObject({ ok: true, value: validX });
  });

  test('scientific notation is refused: the digits are gone', () => {
    const r = normalizeIdNumber('4.11602E+17', { today });
    expect(r).toMatchObject({ ok: false, code: 'ID_SCIENTIFIC' });
    expect(!r.ok && r.message).toContain('无法恢复');
    expect(normalizeIdNumber('4.11602199001011E17', { today })).toMatchObject({ ok: false, code: 'ID_SCIENTIFIC' });
  });

  test('an 18-digit number read as a JS number is refused, never rounded into a wrong ID', () => {
    // biome-ignore lint/correctness/noPrecisionLoss: the test is about this literal losing its last digits
    expect(normalizeIdNumber(411602199001011234, { today })).toMatchObject({ ok: false, code: 'ID_PRECISION_LOST' });
    expect(normalizeIdNumber(4.11602e17, { today })).toMatchObject({ ok: false, code: 'ID_PRECISION_LOST' });
  });

  test('a float string with decimals is refused', () => {
    expect(normalizeIdNumber(`${valid.slice(0, 17)}0.0`, { today })).toMatchObject({ ok: false, code: 'ID_PRECISION_LOST' });
  });

  test('lost last digits (written back as zeros) fail the checksum with a hint', () => {
    const mangled = '411602199001011200';
    expect(idCheckChar(mangled)).not.toBe('0');
    const r = normalizeIdNumber(mangled, { today });
    expect(r).toMatchObject({ ok: false, code: 'ID_CHECKSUM' });
    expect(!r.ok && r.message).toContain('Excel');
  });

  test('15-digit old numbers are converted by the standard rule', () => {
    expect(convert15To18('130503670401001')).toBe(`13050319670401001${idCheckChar('13050319670401001')}`);
    const r = normalizeIdNumber('130503670401001', { today });
    expect(r).toMatchObject({ ok: true, birthDate: '1967-04-01', sex: 'M', isConverted: true });
    expect(normalizeIdNumber(130503670401001, { today })).toMatchObject({ ok: true, isConverted: true });
    expect(normalizeIdNumber('130503670401001.0', { today })).toMatchObject({ ok: true, isConverted: true });
    expect(normalizeIdNumber('130503671301001', { today })).toMatchObject({ ok: false, code: 'ID_BIRTH_DATE' });
  });

  test('empty and non-string values are refused', () => {
    expect(normalizeIdNumber(null)).toMatchObject({ ok: false, code: 'ID_EMPTY' });
    expect(normalizeIdNumber('  ')).toMatchObject({ ok: false, code: 'ID_EMPTY' });
    expect(normalizeIdNumber({})).toMatchObject({ ok: false, code: 'ID_FORMAT' });
    expect(normalizeIdNumber('41160219900101123A', { today })).toMatchObject({ ok: false, code: 'ID_FORMAT' });
  });
});

describe('masking', () => {
  test('ID numbers keep 6 + 4 characters', () => {
    expect(maskIdNumber('41160219900101123X')).toBe('411602********123X');
    expect(maskIdNumber(null)).toBeNull();
  });
  test('mobile numbers keep 3 + 4 digits, others their last 4', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0394-8123456')).toBe('*******3456');
    expect(maskPhone(null)).toBeNull();
  });
});
