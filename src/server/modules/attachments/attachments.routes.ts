/** /api/attachments: upload one file (multipart), and serve its original, thumbnail and public copy. */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ZAttachmentKind, ZAttachmentRef } from '../../../shared/contracts/attachments.js';
import { AppError } from '../../lib/app-error.js';
import { inlineDisposition, readUploadedFile } from '../../lib/http.js';
import { audit } from '../../plugins/audit.js';
import type { TApp } from '../../lib/types.js';
import { requireUser } from '../../plugins/auth.js';
import { presentAttachment } from './attachments.present.js';
import * as service from './attachments.service.js';

const ZAttachmentParams = z.object({ id: z.uuid() });
const tags = ['attachments'];

function send(reply: FastifyReply, file: service.TAttachmentFile) {
  return reply
    .type(file.mime)
    .header('content-disposition', inlineDisposition(file.filename))
    .header('cache-control', 'private, max-age=3600')
    .header('x-content-type-options', 'nosniff')
    .send(file.data);
}

/** Attachment endpoints, registered at /api/attachments. */
export async function attachmentRoutes(app: TApp) {
  const { db, storage, config } = app.deps;

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: '上传附件 (multipart: file, 可选 kind)',
        consumes: ['multipart/form-data'],
        response: { 201: ZAttachmentRef },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const { fields, ...file } = await readUploadedFile(req, { maxBytes: config.maxUploadBytes, tooLarge: () => service.tooLarge(config.maxUploadBytes) });
      const kindValue: unknown = fields.kind ?? 'other';
      const kind = ZAttachmentKind.safeParse(kindValue);
      if (!kind.success) throw new AppError('VALIDATION_FAILED', '附件类别不正确', { kind: '附件类别不正确' });
      const row = await service.storeUpload(db, storage, user, { ...file, kind: kind.data }, config.maxUploadBytes);
      await audit(req, {
        action: 'attachment.upload',
        entity: 'attachment',
        entityId: row.id,
        after: { filename: row.filename, mime: row.mime, size: row.size, sha256: row.sha256 },
      });
      reply.code(201);
      return presentAttachment(row);
    },
  );

  const copies: [suffix: string, variant: service.TAttachmentVariant, summary: string][] = [
    ['', 'original', '原件 (含 EXIF，仅限可见该记录者)'],
    ['/thumb', 'thumb', '缩略图 (WebP，无元数据)'],
    ['/public', 'public', '无 EXIF/GPS 的副本 (范围同原件；公开发布的类型如群众随手拍照片除外)'],
  ];
  for (const [suffix, variant, summary] of copies) {
    app.get(`/:id${suffix}`, { schema: { tags, summary, params: ZAttachmentParams } }, async (req, reply) =>
      send(reply, await service.openAttachment(db, storage, app.modules, requireUser(req), req.params.id, variant)),
    );
  }
}
