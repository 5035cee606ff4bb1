import { Alert, Card, Col, Empty, Flex, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CampaignChannel, CampaignPreview } from '../../../../api/messaging';

/** Which address a channel needs, naming the `excludedDetail` variant that says who lacks it. */
const ADDRESS_OF: Record<CampaignChannel, 'phone' | 'email' | 'none'> = {
  dev: 'phone',
  sms_aliyun: 'phone',
  sms_tencent: 'phone',
  email: 'email',
  portal: 'none',
};

/**
 * The count of recipients, who is left out and why (consent shown), and a sample rendered message.
 * Given the channel, the reasons name only the address it needs (phone or e-mail); without it, both.
 */
export function PreviewPanel({
  preview: p,
  channel,
}: {
  preview: CampaignPreview;
  channel?: CampaignChannel;
}) {
  const { t, i18n } = useTranslation();
  const x = p.excluded;
  const excluded = x.noConsent + x.optedOut + x.noPhone + x.noEmail;
  return (
    <Flex vertical gap={12} data-testid="campaign-preview">
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Statistic
            title={t('campaigns.preview.recipients')}
            value={p.recipients}
            data-testid="preview-recipients"
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('campaigns.preview.households')} value={p.households} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('campaigns.preview.members')} value={p.members} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('campaigns.preview.excluded')} value={excluded} />
        </Col>
      </Row>
      <Typography.Text type="secondary" data-testid="preview-excluded">
        {t('campaigns.preview.excludedDetail', {
          ...x,
          ...(channel && ADDRESS_OF[channel] ? { context: ADDRESS_OF[channel] } : {}),
        })}
      </Typography.Text>
      {p.recipients === 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('campaigns.preview.nobody')}
          description={t('campaigns.preview.nobodyHelp')}
        />
      ) : null}
      <Card size="small" title={t('campaigns.preview.sample')} data-testid="preview-sample">
        {p.sample ? (
          <Flex vertical gap={6}>
            <Typography.Text type="secondary">
              {t('campaigns.preview.to', { name: p.sample.memberName })}
            </Typography.Text>
            <Typography.Paragraph style={{ margin: 0, fontSize: 15 }}>
              {i18n.language === 'en' && p.sample.textEn ? p.sample.textEn : p.sample.textZh}
            </Typography.Paragraph>
            {i18n.language === 'en' && p.sample.textEn ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.sample.textZh}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaigns.preview.noSample')} />
        )}
      </Card>
    </Flex>
  );
}
