/**
 * Plumbing of HTTP responses and uploads shared by every module's routes: file names in
 * `content-disposition`, the .xlsx type, one multipart file read into memory, and one .xlsx
 * upload streamed to an importer.
 */
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from './app-error.js';

/** The MIME type of .xlsx workbooks. */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The MIME type of .docx documents. */
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** RFC 5987 encoding of a UTF-8 file name (encodeURIComponent leaves some characters RFC 5987 reserves). */
function encode5987(filename: string): string {
  return encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `content-disposition` for a download: the Chinese name, and an ASCII name for old clients (RFC 6266). */
export function attachmentDisposition(filename: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encode5987(filename)}`;
}

/** `content-disposition` for inline display with a UTF-8 file name. */
export function inlineDisposition(filename: string): string {
  return `inline; filename*=UTF-8''${encode5987(filename)}`;
}

/** What `readUploadedFile` is told: the byte limit and the words for the error messages. */
export interface TReadFileOptions {
  maxBytes: number;
  /** Called when the file is over the limit (each module words its own 413). */
  tooLarge: () => AppError;
  /** What is uploaded, in Chinese: 文件, 照片. */
  what?: string;
}

/**
 * Reads the one file of a multipart/form-data request (field `file`) into memory, with the text
 * fields beside it. A second file, a file in another field, or none at all is refused with a
 * Chinese message; a file over the limit answers the caller's 413.
 */
export async function readUploadedFile(
  req: FastifyRequest,
  o: TReadFileOptions,
): Promise<{ data: Buffer; filename: string; fields: Record<string, string> }> {
  const what = o.what ?? '文件';
  if (!req.isMultipart()) throw new AppError('BAD_REQUEST', `请以表单方式上传${what} (multipart/form-data)`);
  let file: { data: Buffer; filename: string } | null = null;
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          part.file.resume();
          continue;
        }
        file = { data: await part.toBuffer(), filename: part.filename };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw o.tooLarge();
    if (code === 'FST_FILES_LIMIT') throw new AppError('BAD_REQUEST', `一次只能上传一个${what}`);
    throw err;
  }
  if (!file) throw new AppError('VALIDATION_FAILED', `请选择要上传的${what}`, { file: `请选择${what}` });
  return { ...file, fields };
}

/**
 * Streams an uploaded .xlsx (field `file`, at most `maxBytes`) to `use`, which reads it as it
 * arrives (imports of 100,000 rows do not hold the file in memory). A missing file, another
 * extension, an unreadable workbook and a truncated upload each answer a Chinese message on the
 * `file` field; errors of the import itself (AppError) pass through.
 */
export async function withXlsxUpload<T>(
  req: FastifyRequest,
  o: { maxBytes: number; what: string },
  use: (stream: MultipartFile['file'], filename: string) => Promise<T>,
): Promise<{ result: T; filename: string }> {
  const file = await req.file({ limits: { fileSize: o.maxBytes, files: 1 } });
  if (!file) throw new AppError('VALIDATION_FAILED', '请选择要导入的 .xlsx 文件', { file: '请选择文件' });
  if (!/\.xlsx$/i.test(file.filename)) {
    file.file.resume();
    throw new AppError('VALIDATION_FAILED', '只支持 .xlsx 格式（Excel 2007 及以上）', { file: '只支持 .xlsx 格式' });
  }
  let result: T;
  try {
    result = await use(file.file, file.filename);
  } catch (err) {
    file.file.resume();
    if (err instanceof AppError) throw err;
    if (file.file.truncated) throw new AppError('ATTACHMENT_TOO_LARGE', '文件太大');
    req.log.warn({ err }, `${o.what}: unreadable file`);
    throw new AppError('VALIDATION_FAILED', '无法读取该文件，请确认是 .xlsx 格式且未加密', { file: '无法读取该文件' });
  }
  if (file.file.truncated) throw new AppError('ATTACHMENT_TOO_LARGE', '文件太大');
  return { result, filename: file.filename };
}
