import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Household } from '../../../../api/types';
import { formatDate, formatDateTime } from '../../../../ui/format';
import { CareFlagTags } from './CareFlagTags';
import { OccupancyTag } from './OccupancyTag';
import { TagList } from './TagList';

const dash = <Typography.Text type="secondary">—</Typography.Text>;

/** 基本信息 tab (read-only). */
export function BasicInfoView({ household: h }: { household: Household }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2 }}
      styles={{ label: { width: 140, whiteSpace: 'nowrap' } }}
      items={[
        {
          key: 'occupancy',
          label: t('households.fields.occupancy'),
          children: <OccupancyTag value={h.occupancy} />,
        },
        { key: 'moveInDate', label: t('households.fields.moveInDate'), children: formatDate(h.moveInDate) },
        {
          key: 'familyStructure',
          label: t('households.fields.familyStructure'),
          children: h.familyStructure || dash,
        },
        {
          key: 'careFlags',
          label: t('households.fields.careFlags'),
          children: <CareFlagTags flags={h.careFlags} />,
        },
        {
          key: 'hobbies',
          label: t('households.fields.hobbies'),
          children: <TagList values={h.hobbies} color="cyan" />,
        },
        {
          key: 'skills',
          label: t('households.fields.skills'),
          children: <TagList values={h.skills} color="purple" />,
        },
        {
          key: 'tags',
          label: t('households.fields.tags'),
          children: <TagList values={h.tags} color="blue" />,
          span: 'filled',
        },
        {
          key: 'preferredChannel',
          label: t('households.fields.preferredChannel'),
          children: h.preferredChannel ? t(`enums.channel.${h.preferredChannel}`) : dash,
        },
        {
          key: 'preferredHours',
          label: t('households.fields.preferredHours'),
          children: h.preferredHours || dash,
        },
        {
          key: 'notes',
          label: t('households.fields.notes'),
          span: 'filled',
          children: h.notes ? <span style={{ whiteSpace: 'pre-wrap' }}>{h.notes}</span> : dash,
        },
        { key: 'createdAt', label: t('households.fields.createdAt'), children: formatDateTime(h.createdAt) },
        {
          key: 'updatedAt',
          label: t('households.fields.updatedAt'),
          children: `${formatDateTime(h.updatedAt)} · v${h.version}`,
        },
      ]}
    />
  );
}
