/**
 * Who may read an attachment, declared once. An unlinked upload belongs to its uploader; a
 * linked one is readable by whoever may see its owner record (scope in the owner's repository,
 * so an out-of-scope file answers 404). The EXIF-free public copy of a linked image may be shown
 * to anyone signed in.
 */
import type { Db } from '../../db/client.js';
import type { TUser } from '../../lib/types.js';
import { findCaseById } from '../cases/cases.repo.js';
import { findResultInScope } from '../checklists/checklists.repo.js';
import { findHousehold, findVisitInScope } from '../households/assistance.repo.js';
import type { TAttachmentRow } from './attachments.repo.js';

/** Which stored copy of an attachment is asked for. */
export type TAttachmentVariant = 'original' | 'thumb' | 'public';

/** True when `user` may read `variant` of the attachment `a`. */
export async function canReadAttachment(db: Db, user: TUser, a: TAttachmentRow, variant: TAttachmentVariant): Promise<boolean> {
  if (a.ownerType == null || a.ownerId == null) return a.uploadedById === user.id;
  if (variant === 'public') return true;
  const ownerId = Number(a.ownerId);
  switch (a.ownerType) {
    case 'case':
      return Number.isInteger(ownerId) && (await findCaseById(db, user, ownerId)) !== null;
    case 'inspection_result':
      return Number.isInteger(ownerId) && (await findResultInScope(db, user, ownerId)) !== null;
    case 'household_visit':
      return Number.isInteger(ownerId) && (await findVisitInScope(db, user, ownerId)) !== null;
    case 'household_archive':
      return Number.isInteger(ownerId) && (await findHousehold(db, user, ownerId)) !== null;
    default:
      return a.uploadedById === user.id;
  }
}
