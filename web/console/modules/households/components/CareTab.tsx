import { Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Household } from '../../../../api/types';
import { CareFlagTags } from './CareFlagTags';
import { SensitivePanel } from './SensitivePanel';

/** 关怀 tab: care flags, then the consent-gated sensitive facts. */
export function CareTab({ household }: { household: Household }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={t('households.fields.careFlags')}>
        <CareFlagTags flags={household.careFlags} empty={t('households.care.none')} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          {t('households.care.hint')}
        </Typography.Paragraph>
      </Card>
      <SensitivePanel household={household} />
    </Space>
  );
}
