import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CareFlag } from '../../../../api/enums';

const COLORS: Partial<Record<CareFlag, string>> = {
  elderly_alone: 'volcano',
  elderly: 'orange',
  woman_alone: 'magenta',
  disabled: 'purple',
  small_children: 'cyan',
  pregnancy: 'pink',
  special_appliance: 'geekblue',
};

/** Care flags (独居老人, 有幼儿 …) as tags; a dash when there are none. */
export function CareFlagTags({ flags, empty = '—' }: { flags: readonly CareFlag[]; empty?: string }) {
  const { t } = useTranslation();
  if (flags.length === 0) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <Flex gap={4} wrap>
      {flags.map((f) => (
        <Tag key={f} color={COLORS[f]} style={{ marginInlineEnd: 0 }}>
          {t(`enums.careFlag.${f}`)}
        </Tag>
      ))}
    </Flex>
  );
}
