/** Queries of attachments: insert, find, link to an owner. */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { attachments } from '../../db/schema/attachments.js';

/** An attachment row as stored. */
export type TAttachmentRow = typeof attachments.$inferSelect;

/** Records one stored upload (unlinked until a record claims it). */
export async function insertAttachment(db: Db, values: typeof attachments.$inferInsert) {
  await db.insert(attachments).values(values);
}

/** One attachment by id, whoever owns it (callers check access). */
export async function findAttachment(db: Db, id: string) {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id)).limit(1);
  return row ?? null;
}

/** Attachments by ids, in no particular order. */
export async function findAttachmentsByIds(db: Db, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.select().from(attachments).where(inArray(attachments.id, [...ids]));
}

/** Unlinked uploads of a user among `ids`: the only ones a new record may claim. */
export async function findClaimable(db: Db, ids: readonly string[], uploaderId: number) {
  if (!ids.length) return [];
  return db
    .select({ id: attachments.id })
    .from(attachments)
    .where(and(inArray(attachments.id, [...ids]), eq(attachments.uploadedById, uploaderId), isNull(attachments.ownerType)));
}

/** Links uploads to their owner record. */
export async function linkAttachments(db: Db, ids: readonly string[], ownerType: string, ownerId: string | number, kind?: string) {
  if (!ids.length) return;
  await db
    .update(attachments)
    .set({ ownerType, ownerId: String(ownerId), ...(kind ? { kind } : {}) })
    .where(inArray(attachments.id, [...ids]));
}

/** Attachments of owners of one type, e.g. all event photos of a case's events. */
export async function findByOwners(db: Db, ownerType: string, ownerIds: readonly (string | number)[]) {
  if (!ownerIds.length) return [];
  return db
    .select()
    .from(attachments)
    .where(and(eq(attachments.ownerType, ownerType), inArray(attachments.ownerId, ownerIds.map(String))))
    .orderBy(attachments.createdAt, attachments.id);
}


/** Detaches uploads from their owner (a photo removed from a record); the uploader may claim them again. */
export async function unlinkAttachments(db: Db, ids: readonly string[]) {
  if (!ids.length) return;
  await db.update(attachments).set({ ownerType: null, ownerId: null }).where(inArray(attachments.id, [...ids]));
}

/**
 * Inserts new attachment rows for another owner that point to the same stored files
 * (`copies` carry fresh ids). Files are shared by reference, never duplicated.
 */
export async function insertCopies(db: Db, copies: (typeof attachments.$inferInsert)[]) {
  if (!copies.length) return;
  await db.insert(attachments).values(copies);
}
