/**
 * The attachments port: how other modules store, claim, link and read files. An upload belongs
 * to its uploader until a module links it to a record of an owner type its manifest declares
 * (`attachmentOwners`, with the read check that scopes every copy of the file).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import * as repo from './attachments.repo.js';

export { presentAttachment } from './attachments.present.js';
export { storePublicUpload, tooLarge, type TUploadInput } from './attachments.service.js';
export type { TAttachmentRow } from './attachments.repo.js';

/** Links uploads to their owner record (in the caller's transaction when given one). */
export const link = repo.linkAttachments;
/** Detaches files from their owner; the uploader may claim them again. */
export const unlink = repo.unlinkAttachments;
/** Files of some owners of one type, oldest first. */
export const findByOwners = repo.findByOwners;
/** One file by id, whoever owns it (callers check that it is theirs). */
export const findById = repo.findAttachment;

/**
 * Checks that every id is an unlinked upload of `uploaderId`, the only files a new record may
 * claim; otherwise a field error on `field`.
 */
export async function assertClaimable(
  db: Db,
  uploaderId: number,
  ids: readonly string[],
  o: { field?: string; what?: string } = {},
): Promise<void> {
  if (!ids.length) return;
  const claimable = await repo.findClaimable(db, ids, uploaderId);
  if (claimable.length !== new Set(ids).size) {
    const what = o.what ?? '附件';
    throw new AppError('VALIDATION_FAILED', `${what}无效或已被使用，请重新上传`, { [o.field ?? 'attachmentIds']: `${what}无效或已被使用` });
  }
}

/**
 * Gives other owners the same stored files: new rows with fresh ids pointing at the same keys
 * (files are shared by reference, never duplicated).
 */
export async function copyToOwner(db: Db, files: readonly repo.TAttachmentRow[], owner: { type: string; id: string | number; kind: string }) {
  await repo.insertCopies(
    db,
    files.map((f) => ({ ...f, id: randomUUID(), ownerType: owner.type, ownerId: String(owner.id), kind: owner.kind, createdAt: new Date() })),
  );
}
