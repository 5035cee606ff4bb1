import { Alert, Card, Col, Empty, Flex, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CampaignPreview } from '../../../../api/messaging';

/** The count of recipients, who is left out and why (consent shown), and a sample rendered message. */
export function PreviewPanel({ preview: p }: { preview: CampaignPreview }) {
  const { t, i18n } = useTranslation();
  const excluded = p.excluded.noConsent + p.excluded.optedOut + p.excluded.noPhone;
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
        {t('campaigns.preview.excludedDetail', p.excluded)}
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
