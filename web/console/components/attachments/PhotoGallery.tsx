import { DeleteOutlined, FileImageOutlined } from '@ant-design/icons';
import { Button, Flex, Image, Popconfirm, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../ui/format';
import type { Attachment } from './attachmentsApi';

/**
 * Thumbnails of photos (tap to enlarge, swipe between them). HEIC photos, which most browsers
 * cannot show, appear as a tile that opens the file. Delete buttons only where the server says
 * the user may delete.
 */
export function PhotoGallery({
  items,
  onDelete,
  deletingId,
  size = 96,
}: {
  items: Attachment[];
  onDelete?: (a: Attachment) => void;
  deletingId?: string | null;
  size?: number;
}) {
  const { t } = useTranslation();
  if (!items.length) return null;
  return (
    <Image.PreviewGroup>
      <Flex wrap gap={8} data-testid="photo-gallery">
        {items.map((a) => {
          const caption = t('attachments.by', { name: a.uploadedBy.name, time: formatDateTime(a.createdAt) });
          return (
            <div key={a.id} data-testid={`photo-${a.id}`} style={{ position: 'relative', width: size }}>
              {a.contentType === 'image/heic' ? (
                <Tooltip title={caption}>
                  <a
                    href={a.url}
                    target="_blank"
                    rel="noreferrer"
                    style={{
                      display: 'flex',
                      flexDirection: 'column',
                      alignItems: 'center',
                      justifyContent: 'center',
                      width: size,
                      height: size,
                      borderRadius: 6,
                      background: 'rgba(0,0,0,0.04)',
                      border: '1px solid rgba(0,0,0,0.08)',
                    }}
                  >
                    <FileImageOutlined style={{ fontSize: 24 }} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      HEIC
                    </Typography.Text>
                  </a>
                </Tooltip>
              ) : (
                <Image
                  src={a.url}
                  alt={a.originalName ?? t('attachments.photo')}
                  title={caption}
                  width={size}
                  height={size}
                  style={{ objectFit: 'cover', borderRadius: 6 }}
                />
              )}
              {a.canDelete && onDelete ? (
                <Popconfirm
                  title={t('attachments.deleteConfirm')}
                  okText={t('common.delete')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => onDelete(a)}
                >
                  <Button
                    size="small"
                    shape="circle"
                    danger
                    icon={<DeleteOutlined />}
                    loading={deletingId === a.id}
                    aria-label={t('attachments.delete')}
                    data-testid={`photo-delete-${a.id}`}
                    style={{ position: 'absolute', top: 4, right: 4, zIndex: 1 }}
                  />
                </Popconfirm>
              ) : null}
              <Typography.Text
                type="secondary"
                ellipsis
                style={{ display: 'block', width: size, fontSize: 12, marginTop: 2 }}
              >
                {a.uploadedBy.name}
              </Typography.Text>
            </div>
          );
        })}
      </Flex>
    </Image.PreviewGroup>
  );
}
