import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AttachmentOwnerKind } from './attachmentsApi';
import { PhotoUploader } from './PhotoUploader';

/** A page section 「照片」 holding the record's photos and, while open, the add button. */
export function PhotoCard({
  ownerKind,
  ownerId,
  big,
}: {
  ownerKind: AttachmentOwnerKind;
  ownerId: string;
  big?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Card
      title={t('attachments.title')}
      style={{ marginBottom: 16 }}
      size={big ? 'small' : undefined}
      data-testid="photo-card"
    >
      <PhotoUploader ownerKind={ownerKind} ownerId={ownerId} big={big} />
    </Card>
  );
}
