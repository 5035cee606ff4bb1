import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Occupancy } from '../../../../api/enums';

const COLORS: Record<Occupancy, string> = {
  owner_occupied: 'green',
  rented: 'blue',
  vacant: 'default',
  renovating: 'orange',
};

/** 自住 / 出租 / 空置 / 装修中 as a coloured tag. */
export function OccupancyTag({ value }: { value: Occupancy }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[value]} style={{ marginInlineEnd: 0 }}>
      {t(`enums.occupancy.${value}`)}
    </Tag>
  );
}
