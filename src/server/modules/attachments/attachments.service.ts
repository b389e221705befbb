/**
 * Uploads and downloads of attachments. The type is decided by content (magic bytes), never by
 * the name or the declared type. Images are stored three times: the original as evidence (with
 * its EXIF, seen only by those who may see the record), a 320 px WebP thumbnail and a public copy,
 * both without any metadata (no GPS), upright via rotate().
 */
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { ATTACHMENT_MIME_TYPES, type TAttachmentKind, type TAttachmentMime } from '../../../shared/contracts/attachments.js';
import type { Db } from '../../db/client.js';
import { AppError, notFound } from '../../lib/app-error.js';
import type { TStorage } from '../../lib/storage.js';
import { zoneDate } from '../../lib/time.js';
import type { TModuleRegistry } from '../../lib/module.js';
import type { TUser } from '../../lib/types.js';
import * as repo from './attachments.repo.js';

/** Longest side of a thumbnail, in pixels. */
export const THUMB_SIZE = 320;

const EXTENSIONS: Record<TAttachmentMime, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

/** Human size for messages, e.g. "10 MB". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} 字节`;
}

/** The error for a file over the limit. */
export function tooLarge(maxBytes: number): AppError {
  return new AppError('ATTACHMENT_TOO_LARGE', `文件太大，单个文件不能超过 ${formatBytes(maxBytes)}`);
}

/** A safe display name: no folders or control characters, the extension of the detected type. */
export function cleanFilename(name: string | undefined, mime: TAttachmentMime): string {
  const base = path.basename((name ?? '').replace(/\\/g, '/'));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips from a file name
  const stem = base.replace(/\.[^.]*$/, '').replace(/[\u0000-\u001f\u007f"<>|:*?/]/g, '').trim().slice(0, 100) || '附件';
  return `${stem}.${EXTENSIONS[mime]}`;
}

interface TImageCopies {
  publicCopy: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

/** The upright, metadata-free public copy (same format) and the WebP thumbnail of an image. */
async function imageCopies(data: Buffer, mime: TAttachmentMime): Promise<TImageCopies> {
  try {
    // sharp writes no metadata unless asked (keepMetadata/withMetadata/withExif): EXIF, GPS, XMP,
    // IPTC and comments are dropped. rotate() applies the EXIF orientation before it is lost.
    const upright = sharp(data, { failOn: 'error' }).rotate();
    const format = mime === 'image/png' ? 'png' : mime === 'image/webp' ? 'webp' : 'jpeg';
    const { data: publicCopy, info } = await upright.clone().toFormat(format).toBuffer({ resolveWithObject: true });
    const thumb = await upright
      .clone()
      .resize({ width: THUMB_SIZE, height: THUMB_SIZE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return { publicCopy, thumb, width: info.width, height: info.height };
  } catch {
    throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED', '图片已损坏或无法识别，请重新拍摄或选择其他图片');
  }
}

export interface TUploadInput {
  data: Buffer;
  filename: string | undefined;
  kind: TAttachmentKind;
}

/**
 * Checks and stores one upload under `att/<yyyy>/<mm>/<uuid>` (zone month), with its thumbnail
 * and public copy for images. The row stays unlinked until a record claims it.
 */
export async function storeUpload(
  db: Db,
  storage: TStorage,
  user: TUser,
  input: TUploadInput,
  maxBytes: number,
): Promise<repo.TAttachmentRow> {
  return storeFile(db, storage, user.id, input, maxBytes, ATTACHMENT_MIME_TYPES);
}

/** Types a member of the public may upload: photos only. */
export const PUBLIC_UPLOAD_MIME_TYPES: readonly TAttachmentMime[] = ['image/jpeg', 'image/png', 'image/webp'];

/**
 * Stores a photo uploaded by the public (no user): images only, kept with no uploader, so no
 * signed-in user can claim or read it through /api/attachments until a record links it; the
 * module that accepts public uploads links and serves it (its EXIF-free copy only).
 */
export async function storePublicUpload(
  db: Db,
  storage: TStorage,
  input: TUploadInput,
  maxBytes: number,
): Promise<repo.TAttachmentRow> {
  return storeFile(db, storage, null, input, maxBytes, PUBLIC_UPLOAD_MIME_TYPES);
}

async function storeFile(
  db: Db,
  storage: TStorage,
  uploaderId: number | null,
  input: TUploadInput,
  maxBytes: number,
  allowed: readonly TAttachmentMime[],
): Promise<repo.TAttachmentRow> {
  if (input.data.length > maxBytes) throw tooLarge(maxBytes);
  if (input.data.length === 0) throw new AppError('VALIDATION_FAILED', '文件为空', { file: '文件为空' });
  const detected = await fileTypeFromBuffer(input.data);
  const mime = detected?.mime as TAttachmentMime | undefined;
  if (!mime || !allowed.includes(mime)) {
    const what = allowed.includes('application/pdf') ? '只能上传 JPG、PNG、WebP 图片或 PDF 文件' : '只能上传 JPG、PNG 或 WebP 图片';
    throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED', what, { file: '文件类型不支持' });
  }
  const id = randomUUID();
  const [yyyy, mm] = zoneDate().split('-');
  const key = `att/${yyyy}/${mm}/${id}`;
  const images = mime.startsWith('image/') ? await imageCopies(input.data, mime) : null;

  await storage.put(key, input.data);
  if (images) {
    await storage.put(`${key}.thumb`, images.thumb);
    await storage.put(`${key}.public`, images.publicCopy);
  }
  const values = {
    id,
    ownerType: null,
    ownerId: null,
    kind: input.kind,
    filename: cleanFilename(input.filename, mime),
    mime,
    size: input.data.length,
    sha256: createHash('sha256').update(input.data).digest('hex'),
    storageKey: key,
    thumbKey: images ? `${key}.thumb` : null,
    publicKey: images ? `${key}.public` : null,
    width: images?.width ?? null,
    height: images?.height ?? null,
    uploadedById: uploaderId,
    createdAt: new Date(),
  };
  await repo.insertAttachment(db, values);
  return values;
}

/** The bytes to send for one copy of an attachment, and how to label them. */
export interface TAttachmentFile {
  data: Buffer;
  mime: string;
  filename: string;
}

/** Which stored copy of an attachment is asked for. */
export type TAttachmentVariant = 'original' | 'thumb' | 'public';

/**
 * True when `user` may read `variant` of the attachment `a`. An unlinked upload belongs to its
 * uploader. A linked one follows its owner record: the module that declares the owner type says
 * which owner records the user may see (scope in that module's query, so a file outside it is
 * 404), for every copy alike; only an owner type declared as published shows its EXIF-free copy
 * and thumbnail to anyone. An owner type no module declares is its uploader's alone.
 */
export async function canReadAttachment(
  db: Db,
  owners: Pick<TModuleRegistry, 'attachmentOwner'>,
  user: TUser,
  a: Pick<repo.TAttachmentRow, 'ownerType' | 'ownerId' | 'uploadedById'>,
  variant: TAttachmentVariant,
): Promise<boolean> {
  if (a.ownerType == null || a.ownerId == null) return a.uploadedById === user.id;
  const owner = owners.attachmentOwner(a.ownerType);
  if (!owner) return a.uploadedById === user.id;
  if (owner.isPublished && variant !== 'original') return true;
  return (await owner.readableIds(db, user, [a.ownerId])).has(a.ownerId);
}

/** Reads one copy of an attachment the user may see; 404 when absent, out of scope or not kept. */
export async function openAttachment(
  db: Db,
  storage: TStorage,
  owners: Pick<TModuleRegistry, 'attachmentOwner'>,
  user: TUser,
  id: string,
  variant: TAttachmentVariant,
): Promise<TAttachmentFile> {
  const a = await repo.findAttachment(db, id);
  if (!a || !(await canReadAttachment(db, owners, user, a, variant))) notFound('附件');
  const key = variant === 'original' ? a.storageKey : variant === 'thumb' ? a.thumbKey : a.publicKey;
  if (!key) notFound('附件');
  const data = await storage.get(key);
  if (!data) notFound('附件');
  if (variant === 'thumb') return { data, mime: 'image/webp', filename: `${a.filename.replace(/\.[^.]*$/, '')}-缩略图.webp` };
  return { data, mime: a.mime, filename: a.filename };
}
