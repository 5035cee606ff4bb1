import { Descriptions, Empty, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomFieldDef } from '../../../../api/types';
import { formatDate } from '../../../../ui/format';
import { fieldLabel } from '../customFieldLabel';

/** 自定义字段 tab (read-only), rendered by each definition's type. */
export function CustomFieldsView({
  defs,
  values,
}: {
  defs: CustomFieldDef[];
  values: Record<string, unknown>;
}) {
  const { t, i18n } = useTranslation();
  const shown = defs.filter((d) => d.active || values[d.key] != null);
  if (shown.length === 0) return <Empty description={t('households.custom.none')} />;
  const render = (def: CustomFieldDef) => {
    const v = values[def.key];
    if (v === undefined || v === null || v === '')
      return <Typography.Text type="secondary">—</Typography.Text>;
    switch (def.type) {
      case 'boolean':
        return v ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>;
      case 'date':
        return formatDate(String(v));
      case 'select':
        return <Tag>{String(v)}</Tag>;
      default:
        return String(v);
    }
  };
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      styles={{ label: { width: 140 } }}
      items={shown.map((d) => ({
        key: d.key,
        label: (
          <span>
            {fieldLabel(d, i18n.language)}
            {d.active ? null : (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {' '}
                ({t('customFields.inactive')})
              </Typography.Text>
            )}
          </span>
        ),
        children: render(d),
      }))}
    />
  );
}
