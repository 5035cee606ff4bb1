import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Vehicle } from '../../../../api/types';

/** 车辆 tab (read-only). */
export function VehiclesTable({ vehicles }: { vehicles: Vehicle[] }) {
  const { t } = useTranslation();
  return (
    <Table<Vehicle>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={vehicles}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('households.vehicle.empty') }}
      columns={[
        {
          title: t('households.vehicle.plate'),
          dataIndex: 'plate',
          render: (v: string) => (
            <Tag color="blue" style={{ fontSize: 14, padding: '2px 8px', letterSpacing: 1 }}>
              {v}
            </Tag>
          ),
        },
        { title: t('households.vehicle.tailDigit'), dataIndex: 'tailDigit' },
        {
          title: t('households.vehicle.restrictionReminder'),
          dataIndex: 'restrictionReminder',
          render: (v: boolean) =>
            v ? <Tag color="green">{t('common.on')}</Tag> : <Tag>{t('common.off')}</Tag>,
        },
      ]}
    />
  );
}
