import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Pet } from '../../../../api/types';
import { formatDate } from '../../../../ui/format';

/** 宠物 tab (read-only). */
export function PetsTable({ pets }: { pets: Pet[] }) {
  const { t } = useTranslation();
  return (
    <Table<Pet>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={pets}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('households.pet.empty') }}
      columns={[
        {
          title: t('households.pet.kind'),
          dataIndex: 'kind',
          render: (v: Pet['kind']) => t(`enums.petKind.${v}`),
        },
        { title: t('households.pet.name'), dataIndex: 'name', render: (v: string | null) => v || '—' },
        {
          title: t('households.pet.size'),
          dataIndex: 'size',
          render: (v: Pet['size']) => (v ? t(`enums.dogSize.${v}`) : '—'),
        },
        {
          title: t('households.pet.vaccinatedUntil'),
          dataIndex: 'vaccinatedUntil',
          render: (v: string | null) => formatDate(v),
        },
        { title: t('households.pet.notes'), dataIndex: 'notes', render: (v: string | null) => v || '—' },
      ]}
    />
  );
}
