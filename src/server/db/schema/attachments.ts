/** Files: an upload belongs to its uploader until a module links it to a record of its own. */
import { index, integer, pgTable, text, uuid, varchar } from 'drizzle-orm/pg-core';
import { ts } from './columns.js';

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey(),
    /** What the file belongs to once linked: an owner type a module manifest declares ('case', 'inspection_result', …). */
    ownerType: varchar('owner_type', { length: 24 }),
    ownerId: text('owner_id'),
    /** before / after / evidence / other */
    kind: varchar('kind', { length: 16 }).notNull().default('other'),
    filename: text('filename').notNull(),
    mime: varchar('mime', { length: 64 }).notNull(),
    size: integer('size').notNull(),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    storageKey: text('storage_key').notNull(),
    thumbKey: text('thumb_key'),
    /** A copy with location EXIF removed, shown beyond the case's own users. */
    publicKey: text('public_key'),
    width: integer('width'),
    height: integer('height'),
    uploadedById: integer('uploaded_by_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('attachments_owner_idx').on(t.ownerType, t.ownerId)],
);
