import { Alert, DatePicker, Form, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Tip, usePostTipAsNotice } from '../hooks/useTips';

/** C8: post a tip on the entrance boards as a warm tip for a range of days. */
export function PostNoticeModal({
  estateId,
  tip,
  today,
  onClose,
}: {
  estateId: string;
  tip?: Tip;
  /** Today in the estate's time zone (YYYY-MM-DD). */
  today: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const post = usePostTipAsNotice(estateId);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs(today), dayjs(today).add(6, 'day')]);
  const [done, setDone] = useState(false);

  useEffect(() => {
    if (!tip) return;
    post.reset();
    setDone(false);
    setRange([dayjs(today), dayjs(today).add(6, 'day')]);
  }, [tip, today, post.reset]);

  const submit = async () => {
    if (!tip) return;
    await post.mutateAsync({
      id: tip.id,
      body: { fromDate: range[0].format('YYYY-MM-DD'), toDate: range[1].format('YYYY-MM-DD') },
    });
    setDone(true);
  };

  return (
    <Modal
      open={!!tip}
      title={t('tips.postTitle')}
      onCancel={onClose}
      onOk={() => (done ? onClose() : void submit())}
      okText={done ? t('tips.close') : t('tips.post')}
      confirmLoading={post.isPending}
      cancelButtonProps={done ? { style: { display: 'none' } } : undefined}
      destroyOnHidden
    >
      {tip ? (
        <Typography.Paragraph data-testid="post-notice-text">
          {i18n.language === 'en' ? tip.textEn : tip.textZh}
        </Typography.Paragraph>
      ) : null}
      {post.isError ? (
        <Alert type="error" showIcon title={post.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      {done ? (
        <Alert type="success" showIcon title={t('tips.posted')} data-testid="post-notice-done" />
      ) : (
        <Form layout="vertical">
          <Form.Item label={t('tips.postDates')} extra={t('tips.postHint')}>
            <DatePicker.RangePicker
              value={range}
              allowClear={false}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
