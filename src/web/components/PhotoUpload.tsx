/**
 * Photo evidence: on a phone it opens the rear camera (capture="environment"); each
 * picture is posted at once to /api/attachments and the form keeps the returned refs.
 */
import { CameraOutlined } from '@ant-design/icons';
import { App, Image, Upload, type UploadFile } from 'antd';
import { useRef, useState } from 'react';
import type { TAttachmentRef } from '../../shared/contracts/cases';
import { apiRequest } from '../api/client';
import { useIsPhone } from '../lib/useIsPhone';

const MAX_BYTES = 10 * 1024 * 1024;

/** Uploads one file and returns the server's reference to it. */
export function uploadAttachment(file: File, kind?: string): Promise<TAttachmentRef> {
  const form = new FormData();
  if (kind) form.append('kind', kind);
  form.append('file', file);
  return apiRequest<TAttachmentRef>('/attachments', { method: 'POST', body: form });
}

/** Photo picker for forms; `value` is the list of uploaded attachments. */
export function PhotoUpload(props: {
  id?: string;
  value?: TAttachmentRef[];
  onChange?: (value: TAttachmentRef[]) => void;
  /** before / after / evidence: tells the server what the photo shows. */
  kind?: string;
  max?: number;
  label?: string;
}) {
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const max = props.max ?? 9;
  const [files, setFiles] = useState<UploadFile<TAttachmentRef>[]>(() =>
    (props.value ?? []).map((a) => ({ uid: a.id, name: a.filename, status: 'done', url: a.url, thumbUrl: a.thumbUrl ?? a.url, response: a })),
  );
  const [preview, setPreview] = useState<string | null>(null);

  const lastIds = useRef((props.value ?? []).map((a) => a.id).join(','));
  // Report only when the set of finished uploads changes (not on every progress tick).
  const emit = (list: UploadFile<TAttachmentRef>[]) => {
    const done = list.filter((f) => f.status === 'done' && f.response).map((f) => f.response!);
    const ids = done.map((a) => a.id).join(',');
    if (ids === lastIds.current) return;
    lastIds.current = ids;
    props.onChange?.(done);
  };

  return (
    <>
      <Upload<TAttachmentRef>
        id={props.id}
        listType="picture-card"
        accept="image/*"
        capture={isPhone ? 'environment' : undefined}
        multiple={!isPhone}
        fileList={files}
        beforeUpload={(file) => {
          if (!file.type.startsWith('image/')) {
            message.error('只能上传图片');
            return Upload.LIST_IGNORE;
          }
          if (file.size > MAX_BYTES) {
            message.error('图片不能超过 10 MB');
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          uploadAttachment(file as File, props.kind)
            .then((ref) => onSuccess?.(ref))
            .catch((err: Error) => {
              message.error(err.message || '上传失败');
              onError?.(err);
            });
        }}
        onChange={({ fileList }) => {
          const next = fileList
            .filter((f) => f.status !== 'error')
            .map((f) => (f.status === 'done' && f.response ? { ...f, url: f.response.url, thumbUrl: f.response.thumbUrl ?? f.response.url } : f));
          setFiles(next);
          emit(next);
        }}
        onPreview={(f) => setPreview(f.url ?? f.thumbUrl ?? null)}
      >
        {files.length >= max ? null : (
          <div>
            <CameraOutlined style={{ fontSize: 22 }} />
            <div style={{ marginTop: 6 }}>{props.label ?? (isPhone ? '拍照' : '上传照片')}</div>
          </div>
        )}
      </Upload>
      {preview && (
        <Image
          style={{ display: 'none' }}
          src={preview}
          preview={{ visible: true, src: preview, onVisibleChange: (v) => !v && setPreview(null) }}
        />
      )}
    </>
  );
}

/** A row of photo thumbnails that open full size. */
export function PhotoGallery({ photos, size = 96 }: { photos: readonly TAttachmentRef[]; size?: number }) {
  const images = photos.filter((p) => p.mime.startsWith('image/'));
  const others = photos.filter((p) => !p.mime.startsWith('image/'));
  if (!photos.length) return null;
  return (
    <div className="zl-photos">
      <Image.PreviewGroup>
        {images.map((p) => (
          <Image
            key={p.id}
            width={size}
            height={size}
            src={p.thumbUrl ?? p.url}
            preview={{ src: p.url }}
            alt={p.filename}
          />
        ))}
      </Image.PreviewGroup>
      {others.map((p) => (
        <a key={p.id} href={p.url} target="_blank" rel="noreferrer">
          {p.filename}
        </a>
      ))}
    </div>
  );
}
