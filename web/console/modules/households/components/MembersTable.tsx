import { StarFilled } from '@ant-design/icons';
import { Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../../api/types';

/** 家庭成员 tab (read-only). */
export function MembersTable({ members }: { members: Member[] }) {
  const { t } = useTranslation();
  return (
    <Table<Member>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={members}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('households.member.empty') }}
      columns={[
        {
          title: t('households.member.name'),
          dataIndex: 'name',
          render: (v: string, m) => (
            <span>
              {v}{' '}
              {m.isPrimary ? (
                <Tooltip title={t('households.member.primary')}>
                  <StarFilled style={{ color: '#faad14' }} aria-label={t('households.member.primary')} />
                </Tooltip>
              ) : null}
            </span>
          ),
        },
        {
          title: t('households.member.relation'),
          dataIndex: 'relation',
          render: (v: string | null) => v || '—',
        },
        {
          title: t('households.member.role'),
          dataIndex: 'role',
          render: (v: Member['role']) => <Tag>{t(`enums.memberRole.${v}`)}</Tag>,
        },
        {
          title: t('households.member.phone'),
          dataIndex: 'phone',
          render: (v: string | null) =>
            v ? <span style={{ fontVariantNumeric: 'tabular-nums' }}>{v}</span> : '—',
        },
        {
          title: t('households.member.ageBand'),
          dataIndex: 'ageBand',
          render: (v: Member['ageBand']) =>
            v ? <Tag color={v === 'under14' ? 'gold' : undefined}>{t(`enums.ageBand.${v}`)}</Tag> : '—',
        },
      ]}
    />
  );
}
