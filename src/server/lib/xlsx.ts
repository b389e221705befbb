/**
 * Reading .xlsx files with exceljs's streaming reader, with the workarounds it needs: UTF-8
 * chunking (Chinese characters split across chunks), worksheets before the workbook model,
 * and cell values in their many shapes. Used by every import (registry, department lists).
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/** The text of a cell whatever exceljs made of it (rich text, formula result, hyperlink). */
export function cellValue(v: unknown): unknown {
  if (v == null) return null;
  if (typeof v === 'object' && !(v instanceof Date)) {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellValue(o.result);
    if ('text' in o) return cellValue(o.text);
  }
  return v;
}
/**
 * A string that holds its own characters. The streaming reader's cell texts are V8 "sliced
 * strings": views into the decoded XML chunk (about 64 KB) they came from, which they keep alive.
 * An import that keeps 400,000 ID numbers (to find duplicates) kept 400,000 such views and with
 * them the whole sheet's XML: ~1.8 KB per row, 700 MB at 400,000 rows. V8 copies substrings
 * shorter than 13 characters anyway; longer ones are copied here through a UTF-8 round trip.
 */
export const detach = (s: string): string => (s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8'));

/**
 * A cell's text: trimmed, dates as YYYY-MM-DD, empty for nothing; detached from the reader's
 * chunk (see `detach`), so keeping it keeps nothing else.
 */
export const asText = (v: unknown) => (v == null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : detach(String(v).trim()));

/**
 * Re-chunks a byte stream so no chunk ends inside a UTF-8 character. exceljs's streaming reader
 * decodes every chunk on its own, so a Chinese character split across two chunks would come out
 * as U+FFFD: names silently corrupted. Whole characters per chunk make its decoding correct.
 */
export async function* utf8Chunks(source: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<Buffer> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const piece of source) {
    const buf: Buffer = carry.length ? Buffer.concat([carry, piece]) : Buffer.from(piece);
    // Find where an unfinished multi-byte sequence starts in the last three bytes, if any.
    let cut = buf.length;
    for (let i = buf.length - 1; i >= Math.max(0, buf.length - 3); i--) {
      const b = buf[i];
      if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      if (buf.length - i < need) cut = i;
      break;
    }
    carry = buf.subarray(cut);
    if (cut > 0) yield buf.subarray(0, cut);
  }
  if (carry.length) yield carry;
}

/** exceljs's streaming reader with the UTF-8 chunking fixed for this instance (see utf8Chunks). */
export function openWorkbookReader(input: Readable) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore' });
  type TInternals = {
    model?: { sheets?: unknown[] };
    _parseWorksheet: (iterator: AsyncIterable<Buffer>, sheetNo: string) => unknown;
    _parseSharedStrings: (entry: Readable) => unknown;
  };
  const r = reader as unknown as TInternals;
  const proto = Object.getPrototypeOf(reader) as TInternals;
  r._parseWorksheet = function (this: unknown, iterator, sheetNo) {
    return proto._parseWorksheet.call(this, utf8Chunks(iterator), sheetNo);
  };
  r._parseSharedStrings = function (this: unknown, entry) {
    return proto._parseSharedStrings.call(this, Readable.from(utf8Chunks(entry)));
  };
  // exceljs reads a worksheet that precedes xl/workbook.xml in the zip before it has a model and
  // then fails on `model.sheets`; entry order varies between writers, so give it an empty model.
  r.model ??= { sheets: [] };
  return reader;
}

