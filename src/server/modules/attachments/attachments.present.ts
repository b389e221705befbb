/** How an attachment is shown to clients: metadata and the URLs that serve it. */
import type { TAttachmentRef } from '../../../shared/contracts/cases.js';
import type { TAttachmentRow } from './attachments.repo.js';

/** The reference a record shows for one attachment. */
export function presentAttachment(a: TAttachmentRow): TAttachmentRef {
  return {
    id: a.id,
    filename: a.filename,
    mime: a.mime,
    size: a.size,
    kind: a.kind,
    url: `/api/attachments/${a.id}`,
    thumbUrl: a.thumbKey ? `/api/attachments/${a.id}/thumb` : null,
  };
}
