import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { App, Button, Flex, Image, Typography } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PICK_ACCEPT } from './attachmentsApi';
import { checkPhotos } from './checkPhotos';

/** Defaults of the server (ATTACHMENT_MAX_MB 8, 9 per record); the server checks again on upload. */
export const PICK_DEFAULTS = { maxBytes: 8 * 1024 * 1024, max: 9 };

/**
 * Photos chosen for a record that does not exist yet (the visit form): kept in the browser with
 * previews and sent once the record is saved (see uploadPhotos).
 */
export function PhotoPicker({
  files,
  onChange,
  big,
  maxBytes = PICK_DEFAULTS.maxBytes,
  max = PICK_DEFAULTS.max,
}: {
  files: File[];
  onChange: (files: File[]) => void;
  big?: boolean;
  maxBytes?: number;
  max?: number;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const urls = useMemo(() => files.map((f) => URL.createObjectURL(f)), [files]);
  useEffect(
    () => () => {
      for (const u of urls) URL.revokeObjectURL(u);
    },
    [urls],
  );
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  const size = big ? 88 : 96;

  return (
    <Flex vertical gap={8} data-testid="photo-picker">
      {files.length ? (
        <Flex wrap gap={8}>
          {files.map((f, i) => (
            <div key={urls[i]} style={{ position: 'relative', width: size, height: size }}>
              <Image
                src={urls[i]}
                alt={f.name}
                width={size}
                height={size}
                style={{ objectFit: 'cover', borderRadius: 6 }}
              />
              <Button
                size="small"
                shape="circle"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('attachments.delete')}
                style={{ position: 'absolute', top: 4, right: 4, zIndex: 1 }}
                onClick={() => onChange(files.filter((_, j) => j !== i))}
              />
            </div>
          ))}
        </Flex>
      ) : null}
      <Flex gap={8} align="center" wrap>
        {files.length < max ? (
          <Button
            icon={<CameraOutlined />}
            size={big ? 'large' : undefined}
            onClick={() => input.current?.click()}
            data-testid="photo-pick"
          >
            {t('attachments.add')}
          </Button>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('attachments.pendingHint', { n: files.length, max, mb })}
        </Typography.Text>
      </Flex>
      <input
        ref={input}
        type="file"
        accept={PICK_ACCEPT}
        multiple
        style={{ display: 'none' }}
        data-testid="photo-pick-input"
        onChange={(e) => {
          const picked = Array.from(e.target.files ?? []);
          e.target.value = '';
          const { accepted, problems } = checkPhotos(picked, { maxBytes, room: max - files.length }, t);
          for (const p of problems) message.warning(p);
          if (accepted.length) onChange([...files, ...accepted]);
        }}
      />
    </Flex>
  );
}
