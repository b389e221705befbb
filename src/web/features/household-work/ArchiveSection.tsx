/**
 * 档案 (一户一档) on the household page: each required document present or missing, its scans
 * (thumbnails open full size; PDFs as links), upload per document and removal for editors.
 */
import { CheckCircleFilled, CloseCircleFilled, DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, List, Popconfirm, Progress, Space, Tag, Upload } from 'antd';
import { useState } from 'react';
import { ATTACHMENT_ACCEPT } from '../../../shared/contracts/attachments';
import { useArchiveActions, useHouseholdArchive } from '../../api/household-work';
import { PhotoGallery, uploadAttachment } from '../../components/PhotoUpload';
import { QueryError } from '../../components/QueryError';
import { useErrorHandler } from '../../lib/useErrorHandler';

const MAX_BYTES = 10 * 1024 * 1024;

/** The 档案 card of a household. */
export function ArchiveSection({ householdId }: { householdId: number }) {
  const q = useHouseholdArchive(householdId);
  const actions = useArchiveActions(householdId);
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [busyDoc, setBusyDoc] = useState<string | null>(null);

  const upload = async (docCode: string, files: File[]) => {
    if (files.some((f) => f.size > MAX_BYTES)) return void message.error('单个文件不能超过 10 MB');
    setBusyDoc(docCode);
    try {
      const refs = await Promise.all(files.map((f) => uploadAttachment(f, 'evidence')));
      await actions.add.mutateAsync({ docCode, attachmentIds: refs.map((r) => r.id) });
      message.success('已上传到档案');
    } catch (err) {
      onError(err);
    } finally {
      setBusyDoc(null);
    }
  };

  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const a = q.data;
  return (
    <Card
      size="small"
      title="档案（一户一档）"
      loading={q.isPending}
      style={{ marginTop: 12 }}
      data-testid="archive-section"
      extra={a && <Progress type="line" size="small" style={{ width: 160, margin: 0 }} percent={a.requiredCount ? Math.round((a.presentCount / a.requiredCount) * 100) : 100} format={() => `${a.presentCount}/${a.requiredCount}`} />}
    >
      {a && a.documents.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未设置档案材料" />}
      {a && (
        <List
          size="small"
          dataSource={a.documents.filter((d) => d.isRequired || d.isPresent)}
          locale={{ emptyText: '该户类型无须建档' }}
          renderItem={(d) => (
            <List.Item style={{ display: 'block', paddingInline: 0 }}>
              <Space size={6} wrap>
                {d.isPresent ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <CloseCircleFilled style={{ color: '#ff4d4f' }} />}
                <strong>{d.name}</strong>
                {d.isRequired ? (d.isPresent ? <Tag color="green">已上传 {d.files.length} 份</Tag> : <Tag color="red">缺失</Tag>) : <Tag>非必需</Tag>}
                {a.abilities.canEdit && (
                  <Upload
                    accept={ATTACHMENT_ACCEPT}
                    multiple
                    showUploadList={false}
                    beforeUpload={(file, list) => {
                      // Upload the whole selection once, on its last file.
                      if (file === list[list.length - 1]) void upload(d.code, list as unknown as File[]);
                      return false;
                    }}
                  >
                    <Button size="small" icon={<UploadOutlined />} loading={busyDoc === d.code} aria-label={`上传${d.name}`}>
                      上传扫描件
                    </Button>
                  </Upload>
                )}
              </Space>
              {d.files.length > 0 && (
                <div style={{ marginTop: 6 }}>
                  <PhotoGallery size={64} photos={d.files} />
                  {a.abilities.canEdit && (
                    <Space size={4} wrap style={{ marginTop: 4 }}>
                      {d.files.map((f) => (
                        <Popconfirm key={f.id} title={`从档案中移除“${f.filename}”？`} onConfirm={() => actions.remove.mutate(f.id, { onError: (err) => onError(err) })}>
                          <Button size="small" type="text" danger icon={<DeleteOutlined />}>
                            {f.filename}
                          </Button>
                        </Popconfirm>
                      ))}
                    </Space>
                  )}
                </div>
              )}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
