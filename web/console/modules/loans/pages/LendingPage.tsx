import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Row, Segmented, Skeleton, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Loan, LoanItem } from '../../../../api/followup';
import { PageHeader } from '../../../../ui/PageHeader';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useEstate } from '../../../session/useEstate';
import { useEstateTimeZone } from '../../ratings/hooks/useFollowUp';
import { LendModal } from '../components/LendModal';
import { LoanList } from '../components/LoanList';
import { ReturnLoanModal } from '../components/ReturnLoanModal';
import { useLoanItems, useLoanList } from '../hooks/useLoans';
import { byLocation } from '../loanText';

type Status = 'open' | 'overdue' | 'returned';

/**
 * 借用: the stock per location (trolleys at the entrances, spare parts in the technical room)
 * with what is available, lending to a household, and the open, overdue and returned loans.
 */
export function LendingPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const { estateId } = useEstate();
  const timeZone = useEstateTimeZone();
  const items = useLoanItems(estateId);
  const [status, setStatus] = useState<Status>('open');
  const loans = useLoanList({ estateId: estateId || undefined, status }, !!estateId);
  const overdue = useLoanList({ estateId: estateId || undefined, status: 'overdue' }, !!estateId);
  const rows = useMemo(() => loans.data?.pages.flatMap((p) => p.items) ?? [], [loans.data]);
  const groups = useMemo(() => byLocation(items.data ?? []), [items.data]);
  const [lending, setLending] = useState<LoanItem | null>(null);
  const [returning, setReturning] = useState<Loan | null>(null);
  const overdueCount = overdue.data?.pages[0]?.items.length ?? 0;

  return (
    <div style={{ maxWidth: 1100 }} data-testid="lending-page">
      <PageHeader
        title={t('lending.title')}
        subtitle={t('lending.subtitle')}
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              void items.refetch();
              void loans.refetch();
              void overdue.refetch();
            }}
            loading={items.isFetching || loans.isFetching}
            aria-label={t('common.refresh')}
          />
        }
      />
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('lending.stock')}
      </Typography.Title>
      {items.isError ? (
        <Alert type="error" showIcon title={items.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      {items.isPending && estateId ? (
        <Skeleton active />
      ) : groups.length === 0 ? (
        <Empty description={t('lending.noItems')} />
      ) : (
        <Row gutter={[12, 12]} style={{ marginBottom: 24 }}>
          {groups.map((g) => (
            <Col key={g.location} xs={24} sm={12} lg={8}>
              <Card
                size="small"
                title={g.location}
                extra={<Tag>{t(g.entrance ? 'lending.entrance' : 'lending.store')}</Tag>}
                data-testid={`stock-${g.location}`}
              >
                <Flex vertical gap={8}>
                  {g.items.map((i) => (
                    <Flex
                      key={i.id}
                      justify="space-between"
                      align="center"
                      gap={8}
                      data-testid={`item-${i.id}`}
                    >
                      <div style={{ minWidth: 0 }}>
                        <Typography.Text strong>{i.name}</Typography.Text>
                        <Typography.Text
                          type={i.available === 0 ? 'danger' : 'secondary'}
                          style={{ display: 'block', fontSize: 12 }}
                          data-testid={`item-available-${i.id}`}
                        >
                          {t('lending.availability', {
                            available: i.available,
                            stock: i.stock,
                            onLoan: i.onLoan,
                          })}
                        </Typography.Text>
                      </div>
                      <Button
                        type="primary"
                        ghost
                        size={isMobile ? 'large' : 'middle'}
                        disabled={i.available <= 0}
                        onClick={() => setLending(i)}
                        data-testid={`lend-${i.kind}-${i.id}`}
                      >
                        {t('lending.lend')}
                      </Button>
                    </Flex>
                  ))}
                </Flex>
              </Card>
            </Col>
          ))}
        </Row>
      )}

      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('lending.loans')}
        </Typography.Title>
        <Segmented<Status>
          value={status}
          onChange={setStatus}
          data-testid="loan-status"
          options={[
            { value: 'open', label: t('lending.status.open') },
            {
              value: 'overdue',
              label: overdueCount
                ? `${t('lending.status.overdue')} ${overdueCount}`
                : t('lending.status.overdue'),
            },
            { value: 'returned', label: t('lending.status.returned') },
          ]}
        />
      </Flex>
      {loans.isError ? (
        <Alert type="error" showIcon title={loans.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      <LoanList
        rows={rows}
        loading={loans.isPending && !!estateId}
        timeZone={timeZone}
        onReturn={setReturning}
      />
      {loans.hasNextPage ? (
        <Button
          block
          style={{ marginTop: 12 }}
          onClick={() => void loans.fetchNextPage()}
          loading={loans.isFetchingNextPage}
        >
          {t('common.loadMore')}
        </Button>
      ) : null}
      <LendModal item={lending} estateId={estateId} onClose={() => setLending(null)} />
      <ReturnLoanModal loan={returning} onClose={() => setReturning(null)} />
    </div>
  );
}
