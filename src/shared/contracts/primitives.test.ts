import { describe, expect, expectTypeOf, test } from 'vitest';
import type { z } from 'zod';
import {
  PG_INT_MAX,
  TEXT_REFUSALS,
  ZBigId,
  ZBirthDate,
  ZDate,
  ZId,
  ZIsoDateTime,
  ZLongText,
  ZRefId,
  ZSecret,
  ZText,
  ZVersion,
  textRefusal,
  zRefId,
  zSearch,
} from './common.js';
import { ZCreateCaseBody, type TCreateCaseBody } from './cases.js';

const messages = (r: { success: boolean; error?: z.ZodError }) => r.error?.issues.map((i) => i.message) ?? [];

describe('text', () => {
  test('refuses NUL, lone surrogates and control characters, each with its message', () => {
    expect(messages(ZText.safeParse('测试\u0000空字符'))).toEqual([TEXT_REFUSALS.nul]);
    expect(messages(ZText.safeParse('\u0000'))).toEqual([TEXT_REFUSALS.nul]);
    expect(messages(ZText.safeParse('测试\ud800孤立代理'))).toEqual([TEXT_REFUSALS.surrogate]);
    expect(messages(ZText.safeParse('孤立\udc00低位'))).toEqual([TEXT_REFUSALS.surrogate]);
    expect(messages(ZText.safeParse('响铃\u0007'))).toEqual([TEXT_REFUSALS.control]);
    expect(messages(ZText.safeParse('两行\n文字'))).toEqual([TEXT_REFUSALS.control]);
    expect(messages(ZText.safeParse('C1\u0085控制'))).toEqual([TEXT_REFUSALS.control]);
    expect(messages(ZText.safeParse('删除\u007f'))).toEqual([TEXT_REFUSALS.control]);
  });

  test('keeps what people type: CJK, emoji (a surrogate pair), punctuation, inner spaces', () => {
    for (const ok of ['贾寨村前寨 12 号', '路灯不亮😀', '“引号”、《书名》', 'A-1/B_2 (#3)']) expect(ZText.parse(ok)).toBe(ok);
  });

  test('trims, and normalises to NFC so one word is stored one way', () => {
    expect(ZText.parse('  标题\u3000')).toBe('标题');
    expect(ZText.parse('Cafe\u0301')).toBe('Café');
    expect(ZText.parse('Cafe\u0301')).toBe('Caf\u00e9');
  });

  test('multi-line text keeps newlines and tabs, refuses the rest', () => {
    expect(ZLongText.parse('第一行\r\n第二行\n\t缩进')).toBe('第一行\r\n第二行\n\t缩进');
    expect(messages(ZLongText.safeParse('第一行\u0000'))).toEqual([TEXT_REFUSALS.nul]);
    expect(messages(ZLongText.safeParse('第一行\u000b'))).toEqual([TEXT_REFUSALS.controlMultiline]);
    expect(messages(ZLongText.safeParse('表情\ud83d'))).toEqual([TEXT_REFUSALS.surrogate]);
  });

  test("the field's own messages still come after the refusal, and chain as on z.string()", () => {
    const title = ZText.min(2, '标题至少 2 个字').max(5, '标题不超过 5 字');
    expect(messages(title.safeParse(' 题 '))).toEqual(['标题至少 2 个字']);
    expect(messages(title.safeParse('标题太长了吧'))).toEqual(['标题不超过 5 字']);
    expect(messages(title.safeParse('\u0000'))[0]).toBe(TEXT_REFUSALS.nul);
    expect(title.nullable().optional().parse(undefined)).toBeUndefined();
  });

  test('a secret is neither trimmed nor normalised, but refuses the same characters', () => {
    expect(ZSecret.parse(' pass word ')).toBe(' pass word ');
    expect(ZSecret.parse('Cafe\u0301')).toBe('Cafe\u0301');
    expect(messages(ZSecret.safeParse('pass\u0000'))).toEqual([TEXT_REFUSALS.nul]);
  });

  test('search strings are capped', () => {
    expect(zSearch(4).parse(' 张三 ')).toBe('张三');
    expect(messages(zSearch(4).safeParse('一二三四五'))).toEqual(['搜索内容不超过 4 个字']);
    expect(messages(zSearch().safeParse('\u0000'))).toEqual([TEXT_REFUSALS.nul]);
  });

  test('textRefusal tells the same for text read outside a contract', () => {
    expect(textRefusal('好')).toBeNull();
    expect(textRefusal('a\tb')).toBe(TEXT_REFUSALS.control);
    expect(textRefusal('a\tb', { multiline: true })).toBeNull();
  });
});

describe('ids', () => {
  test('positive, within PostgreSQL integer; coerced from path and query strings', () => {
    expect(ZId.parse('42')).toBe(42);
    expect(ZId.parse(String(PG_INT_MAX))).toBe(PG_INT_MAX);
    expect(messages(ZId.safeParse(String(2 ** 31)))).toEqual(['编号超出范围']);
    expect(messages(ZId.safeParse('99999999999'))).toEqual(['编号超出范围']);
    expect(ZId.safeParse('0').success).toBe(false);
    expect(ZId.safeParse('1.5').success).toBe(false);
    expect(ZId.safeParse('\u0000').success).toBe(false);
  });

  test('JSON ids are numbers, not strings; a form message for a missing pick', () => {
    expect(ZRefId.parse(7)).toBe(7);
    expect(ZRefId.safeParse('7').success).toBe(false);
    expect(messages(ZRefId.safeParse(2 ** 31))).toEqual(['编号超出范围']);
    expect(messages(zRefId('请选择所在村(社区)').safeParse(0))).toEqual(['请选择所在村(社区)']);
    expect(messages(ZVersion.safeParse(2 ** 31))).toEqual(['版本号超出范围']);
  });

  test('bigserial ids go up to 2^53 − 1', () => {
    expect(ZBigId.parse('99999999999')).toBe(99_999_999_999);
    expect(ZBigId.safeParse('9007199254740993').success).toBe(false);
  });
});

describe('dates and timestamps', () => {
  test('work dates are 2000-01-01 … 2100-12-31', () => {
    expect(ZDate.parse('2000-01-01')).toBe('2000-01-01');
    expect(ZDate.parse('2100-12-31')).toBe('2100-12-31');
    expect(messages(ZDate.safeParse('0000-01-01'))).toEqual(['日期须在 2000-01-01 至 2100-12-31 之间']);
    expect(ZDate.safeParse('1999-12-31').success).toBe(false);
    expect(ZDate.safeParse('2101-01-01').success).toBe(false);
    expect(ZDate.safeParse('2024-02-30').success).toBe(false);
  });

  test('timestamps: the same range in the zone, with Z or an offset', () => {
    expect(ZIsoDateTime.parse('2024-05-01T10:00:00+08:00')).toBe('2024-05-01T10:00:00+08:00');
    expect(ZIsoDateTime.parse('2024-05-01T02:00:00.000Z')).toBe('2024-05-01T02:00:00.000Z');
    expect(ZIsoDateTime.parse('2000-01-01T00:00:00+08:00')).toBeTruthy();
    expect(ZIsoDateTime.safeParse('1999-12-31T15:59:59Z').success).toBe(false);
    expect(ZIsoDateTime.safeParse('0000-01-01T00:00:00Z').success).toBe(false);
    expect(ZIsoDateTime.parse('2100-12-31T23:59:59+08:00')).toBeTruthy();
    expect(ZIsoDateTime.safeParse('2100-12-31T16:00:00Z').success).toBe(false);
  });

  test('birth dates: 1900-01-01 … today', () => {
    expect(ZBirthDate.parse('1900-01-01')).toBe('1900-01-01');
    expect(messages(ZBirthDate.safeParse('1899-12-31'))).toEqual(['出生日期须在 1900-01-01 至今天之间']);
    expect(ZBirthDate.safeParse('2999-01-01').success).toBe(false);
  });
});

test('contracts built on the primitives keep their inferred types (the web uses them)', () => {
  expectTypeOf<TCreateCaseBody['title']>().toEqualTypeOf<string>();
  expectTypeOf<TCreateCaseBody['category']>().toEqualTypeOf<string | null | undefined>();
  expectTypeOf<TCreateCaseBody['areaId']>().toEqualTypeOf<number>();
  expectTypeOf<TCreateCaseBody['foundAt']>().toEqualTypeOf<string | undefined>();
  expect(ZCreateCaseBody.safeParse({ title: '占道\u0000经营', module: 'chuangwen', areaId: 1, source: 'inspection' }).success).toBe(false);
});
