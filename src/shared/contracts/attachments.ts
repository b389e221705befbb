/** Contracts of /api/attachments: upload (multipart) and the reference every record shows. */
import { z } from 'zod';

export { ZAttachmentRef, type TAttachmentRef } from './cases.js';

/** What a file evidences once linked; the optional multipart field `kind` of an upload. */
export const ATTACHMENT_KINDS = ['before', 'after', 'evidence', 'other'] as const;
export type TAttachmentKind = (typeof ATTACHMENT_KINDS)[number];
export const ZAttachmentKind = z.enum(ATTACHMENT_KINDS);

/** Types accepted, checked by content (magic bytes), never by name or declared type. */
export const ATTACHMENT_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type TAttachmentMime = (typeof ATTACHMENT_MIME_TYPES)[number];

/** The `accept` attribute for upload inputs in the web UI. */
export const ATTACHMENT_ACCEPT = '.jpg,.jpeg,.png,.webp,.pdf,image/jpeg,image/png,image/webp,application/pdf';
