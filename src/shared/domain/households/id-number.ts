/**
 * Resident ID numbers (公民身份号码, GB 11643-1999): 6-digit area code, 8-digit birth date,
 * 3-digit sequence (odd = male), 1 check character (ISO 7064 MOD 11-2).
 *
 * `normalizeIdNumber` takes what arrives from forms and Excel files (full-width digits, spaces,
 * dashes, lower-case x, numbers, 15-digit old numbers) and returns the canonical 18-character
 * form, or refuses. It never guesses: digits lost to Excel's number format cannot be recovered,
 * so such values are refused with a message that says why.
 * Pure: no Node or DOM APIs, shared by server and web.
 */

/** Why an ID number was refused; stable codes for import reports and tests. */
export type TIdErrorCode =
  | 'ID_EMPTY'
  | 'ID_SCIENTIFIC'
  | 'ID_PRECISION_LOST'
  | 'ID_FORMAT'
  | 'ID_AREA'
  | 'ID_BIRTH_DATE'
  | 'ID_BIRTH_FUTURE'
  | 'ID_AGE'
  | 'ID_CHECKSUM';

/** A valid, canonical ID number and the facts it carries. */
export interface TIdParsed {
  ok: true;
  /** 18 characters, digits and an upper-case X only. */
  value: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  sex: 'M' | 'F';
  /** The 6-digit area code of registration (first 6 characters). */
  areaCode: string;
  /** True when a 15-digit old number was converted to 18 digits. */
  isConverted: boolean;
}

/** A refusal with a Chinese message fit for a form or an import error report. */
export interface TIdRefusal {
  ok: false;
  code: TIdErrorCode;
  message: string;
}

/** The result of normalizing or validating an ID number. */
export type TIdResult = TIdParsed | TIdRefusal;

/** Options of ID-number validation. */
export interface TIdOptions {
  /** The reference date (YYYY-MM-DD) for "not in the future" and age checks; defaults to today in Asia/Shanghai. */
  today?: string;
  /** Oldest plausible age in years. */
  maxAge?: number;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/** Province-level codes of GB/T 2260, plus 81/82 (Hong Kong, Macao) and 83 (Taiwan residence permits). */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);
const DEFAULT_MAX_AGE = 120;
const ZONE_OFFSET_MS = 8 * 3600 * 1000;

const refuse = (code: TIdErrorCode, message: string): TIdRefusal => ({ ok: false, code, message });

/** The check character (ISO 7064 MOD 11-2) of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** True when YYYY-MM-DD is a real calendar date. */
export function isCalendarDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** Today's date (YYYY-MM-DD) in Asia/Shanghai. */
export function zoneToday(now: Date = new Date()): string {
  return new Date(now.getTime() + ZONE_OFFSET_MS).toISOString().slice(0, 10);
}

/** Full years between a birth date and a date (both YYYY-MM-DD). */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  // MM-DD compares correctly as text: the birthday has not come yet this year.
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * Converts a 15-digit old ID number (YYMMDD birth date, no check character) to 18 digits the
 * standard way: "19" is inserted before the year and the check character appended.
 * The input must already be 15 digits.
 */
export function convert15To18(id15: string): string {
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + idCheckChar(first17);
}

/** Checks a canonical 18-character ID number: area, birth date, age and check character. */
export function validateIdNumber(id: string, opts: TIdOptions = {}): TIdResult {
  if (!/^\d{17}[\dX]$/.test(id)) {
    return refuse('ID_FORMAT', `证件号码应为 18 位（前 17 位为数字，最后一位为数字或 X），当前为 ${id.length} 位`);
  }
  if (!PROVINCES.has(id.slice(0, 2)) || id.slice(2, 6) === '0000') {
    return refuse('ID_AREA', `证件号码前 6 位地址码 ${id.slice(0, 6)} 不是有效的行政区划代码`);
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isCalendarDate(birthDate)) {
    return refuse('ID_BIRTH_DATE', `证件号码中的出生日期 ${id.slice(6, 14)} 不是有效日期`);
  }
  const today = opts.today ?? zoneToday();
  if (birthDate > today) return refuse('ID_BIRTH_FUTURE', `证件号码中的出生日期 ${birthDate} 晚于今天`);
  const maxAge = opts.maxAge ?? DEFAULT_MAX_AGE;
  if (ageOn(birthDate, today) > maxAge) {
    return refuse('ID_AGE', `证件号码中的出生日期 ${birthDate} 对应年龄超过 ${maxAge} 岁，请核对`);
  }
  if (idCheckChar(id) !== id[17]) {
    const hint = /00$/.test(id) ? '；末尾为 0，可能是 Excel 以数值保存时丢失了末几位数字，丢失的数字无法恢复' : '';
    return refuse('ID_CHECKSUM', `证件号码校验位不正确，号码有误，请按原证件核对${hint}`);
  }
  return {
    ok: true,
    value: id,
    birthDate,
    sex: Number(id[16]) % 2 === 1 ? 'M' : 'F',
    areaCode: id.slice(0, 6),
    isConverted: false,
  };
}

/**
 * Normalizes an ID number as typed or as read from a spreadsheet cell, then validates it.
 * Safe repairs: full-width characters, spaces and dashes, a leading apostrophe, lower-case x,
 * a 15-digit old number (standard conversion). Refused: scientific notation and decimals
 * (Excel kept only 15 significant digits), numbers beyond 15 digits, anything invalid.
 */
export function normalizeIdNumber(raw: unknown, opts: TIdOptions = {}): TIdResult {
  if (raw == null) return refuse('ID_EMPTY', '证件号码为空');
  let s: string;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || !Number.isInteger(raw) || raw > Number.MAX_SAFE_INTEGER) {
      return refuse(
        'ID_PRECISION_LOST',
        '证件号码被 Excel 保存为数值，超过 15 位的数字已丢失，无法恢复；请把该列设为“文本”格式后按原证件重新填写',
      );
    }
    s = String(raw);
  } else if (typeof raw === 'bigint') {
    s = raw.toString();
  } else if (typeof raw === 'string') {
    s = raw;
  } else {
    return refuse('ID_FORMAT', '证件号码格式不正确');
  }
  s = s
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\ufeff]+/g, '')
    .replace(/[-‐‑‒–—―−_]/g, '')
    .replace(/^['‘’"“”]+|['‘’"“”]+$/g, '');
  if (!s) return refuse('ID_EMPTY', '证件号码为空');
  if (/^\d+(\.\d+)?e\+?\d+$/i.test(s)) {
    return refuse(
      'ID_SCIENTIFIC',
      `证件号码“${s}”是科学计数法，Excel 已丢失末几位数字，无法恢复；请把该列设为“文本”格式后按原证件重新填写`,
    );
  }
  if (/^\d+\.\d+$/.test(s)) {
    const exact15 = /^(\d{15})\.0+$/.exec(s);
    if (!exact15) {
      return refuse('ID_PRECISION_LOST', `证件号码“${s}”带小数点，已被 Excel 按数值处理，末几位数字可能已丢失，无法恢复`);
    }
    s = exact15[1];
  }
  s = s.replace(/x$/, 'X');
  if (/^\d{15}$/.test(s)) {
    const birth = `19${s.slice(6, 8)}-${s.slice(8, 10)}-${s.slice(10, 12)}`;
    if (!isCalendarDate(birth)) return refuse('ID_BIRTH_DATE', `15 位证件号码中的出生日期 ${s.slice(6, 12)} 不是有效日期`);
    const converted = validateIdNumber(convert15To18(s), opts);
    return converted.ok ? { ...converted, isConverted: true } : converted;
  }
  return validateIdNumber(s, opts);
}

/** Masks an ID number for display: the first 6 and last 4 characters stay (411602********123X). */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return id ?? null;
  if (id.length <= 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

/** Masks a phone number: mobiles keep 3 + 4 digits (138****5678); others keep their last 4. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const digits = phone.replace(/\D/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return '*'.repeat(digits.length - 4) + digits.slice(-4);
}
