import { CameraOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Skeleton, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../hooks/useNotifyError';
import { type AttachmentOwnerKind, PICK_ACCEPT } from './attachmentsApi';
import { checkPhotos } from './checkPhotos';
import { PhotoGallery } from './PhotoGallery';
import { useAttachmentMutations, useAttachments } from './useAttachments';

/**
 * The photos of a request or visit with an "add photos" button (camera or album on a phone)
 * while the record takes photos: count and limits shown, files sent one by one, the server's
 * message shown when one is refused.
 */
export function PhotoUploader({
  ownerKind,
  ownerId,
  big,
}: {
  ownerKind: AttachmentOwnerKind;
  ownerId: string;
  /** Larger touch targets (phones). */
  big?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const list = useAttachments(ownerKind, ownerId);
  const { upload, remove } = useAttachmentMutations(ownerKind, ownerId);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(0);
  const [deleting, setDeleting] = useState<string | null>(null);

  if (list.isPending) return <Skeleton.Image active />;
  if (list.isError) return <Alert type="error" showIcon title={list.error.message} />;
  const d = list.data;
  const mb = Math.round((d.maxBytes / 1024 / 1024) * 10) / 10;

  const pick = async (files: File[]) => {
    const { accepted, problems } = checkPhotos(
      files,
      { maxBytes: d.maxBytes, room: d.maxPerOwner - d.items.length },
      t,
    );
    for (const p of problems) message.warning(p);
    setBusy(accepted.length);
    let ok = 0;
    for (const f of accepted) {
      try {
        await upload.mutateAsync(f);
        ok++;
      } catch (err) {
        notifyError(err);
      }
      setBusy((n) => n - 1);
    }
    if (ok) message.success(t('attachments.uploaded', { count: ok }));
  };

  return (
    <Flex vertical gap={8} data-testid={`photos-${ownerKind}`}>
      <PhotoGallery
        items={d.items}
        deletingId={deleting}
        size={big ? 88 : 96}
        onDelete={async (a) => {
          setDeleting(a.id);
          try {
            await remove.mutateAsync(a.id);
            message.success(t('attachments.deleted'));
          } catch (err) {
            notifyError(err);
          } finally {
            setDeleting(null);
          }
        }}
      />
      {!d.items.length && !d.canUpload ? (
        <Typography.Text type="secondary">{t('attachments.none')}</Typography.Text>
      ) : null}
      {d.canUpload || busy > 0 ? (
        <Flex gap={8} align="center" wrap>
          <Button
            icon={<CameraOutlined />}
            size={big ? 'large' : undefined}
            loading={busy > 0}
            onClick={() => input.current?.click()}
            data-testid="photo-add"
          >
            {busy > 0 ? t('attachments.uploading', { count: busy }) : t('attachments.add')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('attachments.hint', { n: d.items.length, max: d.maxPerOwner, mb })}
          </Typography.Text>
          <input
            ref={input}
            type="file"
            accept={PICK_ACCEPT}
            multiple
            style={{ display: 'none' }}
            data-testid="photo-input"
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              e.target.value = '';
              if (files.length) void pick(files);
            }}
          />
        </Flex>
      ) : d.items.length && !d.closed ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('attachments.full', { max: d.maxPerOwner })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
