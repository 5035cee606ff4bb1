import { Button, Card, Empty, Flex, List, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Loan } from '../../../../api/followup';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { formatShortInZone, timeLeft } from '../../ratings/followupText';
import { loanState } from '../loanText';

const STATE_COLORS: Record<string, string> = {
  open: 'processing',
  overdue: 'error',
  ok: 'success',
  damaged: 'warning',
  lost: 'default',
};

function LoanStateTag({ loan }: { loan: Loan }) {
  const { t } = useTranslation();
  const s = loanState(loan);
  return (
    <Tag color={STATE_COLORS[s]} style={{ marginInlineEnd: 0 }} data-testid="loan-state" data-state={s}>
      {t(`lending.state.${s}`)}
    </Tag>
  );
}

/** 「03-05 16:30 · 还剩 2 小时」, red once overdue; the return time when it came back. */
function LoanDue({ loan, timeZone }: { loan: Loan; timeZone: string }) {
  const { t } = useTranslation();
  if (loan.returnedAt)
    return (
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('lending.returnedAt', { time: formatShortInZone(loan.returnedAt, timeZone) })}
      </Typography.Text>
    );
  const left = timeLeft(loan.dueAt, t);
  return (
    <Typography.Text
      type={loan.overdue ? 'danger' : undefined}
      style={{ fontSize: 13 }}
      data-testid="loan-due"
    >
      {formatShortInZone(loan.dueAt, timeZone)} · {left.text}
    </Typography.Text>
  );
}

/** Loans as a table (desktop) or cards (phone) with the 归还 button on open ones. */
export function LoanList({
  rows,
  loading,
  timeZone,
  onReturn,
}: {
  rows: Loan[];
  loading: boolean;
  timeZone: string;
  onReturn: (l: Loan) => void;
}) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const returnButton = (l: Loan, big = false) =>
    l.returnedAt ? null : (
      <Button size={big ? 'large' : 'small'} onClick={() => onReturn(l)} data-testid={`loan-return-${l.id}`}>
        {t('lending.return')}
      </Button>
    );
  const who = (l: Loan) => (
    <Flex vertical gap={0}>
      <Typography.Text strong>{l.roomCode ?? '—'}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {l.borrowerName}
        {l.borrowerPhone ? ` · ${l.borrowerPhone}` : ''}
      </Typography.Text>
    </Flex>
  );

  if (isMobile)
    return (
      <List
        loading={loading}
        dataSource={rows}
        locale={{ emptyText: <Empty description={t('lending.noLoans')} /> }}
        renderItem={(l) => (
          <Card
            size="small"
            key={l.id}
            style={{ marginBottom: 8, borderColor: l.overdue ? '#ffa39e' : undefined }}
            data-testid={`loan-${l.id}`}
          >
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text strong>
                {l.itemName}
                <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                  {' '}
                  · {l.location}
                </Typography.Text>
              </Typography.Text>
              <LoanStateTag loan={l} />
            </Flex>
            <div style={{ marginTop: 6 }}>{who(l)}</div>
            <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 8 }}>
              <LoanDue loan={l} timeZone={timeZone} />
              {returnButton(l, true)}
            </Flex>
          </Card>
        )}
      />
    );

  return (
    <Table<Loan>
      size="middle"
      rowKey="id"
      loading={loading}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: <Empty description={t('lending.noLoans')} /> }}
      onRow={(l) => ({ 'data-testid': `loan-${l.id}` }) as object}
      columns={[
        {
          title: t('lending.fields.item'),
          key: 'item',
          render: (_, l) => (
            <Flex vertical gap={0}>
              <Typography.Text>{l.itemName}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {l.location}
              </Typography.Text>
            </Flex>
          ),
        },
        { title: t('lending.fields.household'), key: 'who', render: (_, l) => who(l) },
        {
          title: t('lending.fields.lentBy'),
          key: 'lent',
          render: (_, l) => (
            <Flex vertical gap={0}>
              <span>{l.lentByName}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatShortInZone(l.lentAt, timeZone)}
              </Typography.Text>
            </Flex>
          ),
        },
        {
          title: t('lending.fields.due'),
          key: 'due',
          render: (_, l) => <LoanDue loan={l} timeZone={timeZone} />,
        },
        {
          title: t('lending.fields.state'),
          key: 'state',
          width: 100,
          render: (_, l) => <LoanStateTag loan={l} />,
        },
        { title: t('common.actions'), key: 'actions', width: 90, render: (_, l) => returnButton(l) },
      ]}
    />
  );
}
