import { StarFilled } from '@ant-design/icons';
import { Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../../api/types';
import { useIsMobile } from '../../../hooks/useIsMobile';

const PHONE_STYLE = { fontVariantNumeric: 'tabular-nums' } as const;

/** A long address wraps before its @ rather than widening the column. */
function atBreak(email: string) {
  const at = email.lastIndexOf('@');
  if (at < 1) return email;
  return (
    <>
      {email.slice(0, at)}
      <wbr />
      {email.slice(at)}
    </>
  );
}

/**
 * 家庭成员 tab (read-only). Phones and e-mails are shown as the server sends them (masked or full);
 * on a phone the e-mail goes under the number so that the table stays narrow.
 */
export function MembersTable({ members }: { members: Member[] }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const contact: ColumnsType<Member> = isMobile
    ? [
        {
          title: t('households.member.contact'),
          key: 'contact',
          render: (_: unknown, m) =>
            m.phone || m.email ? (
              <div>
                {m.phone ? <div style={PHONE_STYLE}>{m.phone}</div> : null}
                {m.email ? (
                  <Typography.Text
                    type="secondary"
                    style={{ display: 'block', maxWidth: 96, overflowWrap: 'anywhere', fontSize: 12 }}
                  >
                    {atBreak(m.email)}
                  </Typography.Text>
                ) : null}
              </div>
            ) : (
              '—'
            ),
        },
      ]
    : [
        {
          title: t('households.member.phone'),
          dataIndex: 'phone',
          render: (v: string | null) => (v ? <span style={PHONE_STYLE}>{v}</span> : '—'),
        },
        {
          title: t('households.member.email'),
          dataIndex: 'email',
          render: (v: string | null) => v || '—',
        },
      ];
  return (
    <Table<Member>
      rowKey="id"
      size="small"
      data-testid="members-table"
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
        ...contact,
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
