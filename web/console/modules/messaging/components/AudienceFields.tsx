import { Alert, Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CARE_FLAGS, OCCUPANCIES } from '../../../../api/enums';
import { useBuildings } from '../../../hooks/useBuildings';

/** Audience of a campaign: buildings, household tags, care flags, occupancy (each narrows). */
export function AudienceFields({ estateId }: { estateId: string }) {
  const { t } = useTranslation();
  const buildings = useBuildings(estateId);
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('campaigns.audience.help')} />
      <Form.Item
        name="buildingIds"
        label={t('campaigns.audience.buildings')}
        extra={t('campaigns.audience.emptyAll')}
      >
        <Select
          mode="multiple"
          allowClear
          loading={buildings.isPending}
          placeholder={t('campaigns.audience.allBuildings')}
          options={(buildings.data ?? []).map((b) => ({
            value: b.id,
            label: `${b.name} (${t('campaigns.audience.households', { n: b.households })})`,
          }))}
          optionFilterProp="label"
          data-testid="audience-buildings"
        />
      </Form.Item>
      <Form.Item name="tags" label={t('campaigns.audience.tags')}>
        <Select
          mode="tags"
          allowClear
          placeholder={t('campaigns.audience.tagsPlaceholder')}
          tokenSeparators={[',', '，']}
        />
      </Form.Item>
      <Form.Item name="careFlags" label={t('campaigns.audience.careFlags')}>
        <Select
          mode="multiple"
          allowClear
          placeholder={t('campaigns.audience.anyone')}
          options={CARE_FLAGS.map((f) => ({ value: f, label: t(`enums.careFlag.${f}`) }))}
        />
      </Form.Item>
      <Form.Item name="occupancy" label={t('campaigns.audience.occupancy')}>
        <Select
          mode="multiple"
          allowClear
          placeholder={t('campaigns.audience.anyone')}
          options={OCCUPANCIES.map((o) => ({ value: o, label: t(`enums.occupancy.${o}`) }))}
        />
      </Form.Item>
    </>
  );
}
