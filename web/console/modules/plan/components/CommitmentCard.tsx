import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Commitment } from '../../../../api/types';
import { formatDateTime } from '../../../../ui/format';
import { commitmentSummary } from '../planText';

const BASE_EFFECTIVE_FROM = '2000-01-01';

/** One commitment: the rule in words, its current and next target, every target version. */
export function CommitmentCard({
  commitment: c,
  canManage,
  onEditTarget,
}: {
  commitment: Commitment;
  canManage: boolean;
  onEditTarget: (c: Commitment) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid={`commitment-${c.code}`}
      title={
        <Flex gap={8} align="center" wrap style={{ minWidth: 0 }}>
          <Typography.Text code>{c.code}</Typography.Text>
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {t(`enums.commitmentKind.${c.kind}`)}
          </Tag>
          {!c.active ? <Tag>{t('plan.inactive')}</Tag> : null}
        </Flex>
      }
      extra={
        canManage ? (
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => onEditTarget(c)}
            data-testid={`target-edit-${c.code}`}
          >
            {t('plan.editTarget')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph strong style={{ marginBottom: 8 }}>
        {commitmentSummary(c, t)}
      </Typography.Paragraph>
      <Flex gap={16} wrap style={{ marginBottom: 8 }}>
        <span>
          <Typography.Text type="secondary">
            {t('plan.currentTarget')}
            {t('common.colon')}
          </Typography.Text>
          <Typography.Text strong data-testid={`target-current-${c.code}`}>
            {c.target ?? t('plan.noTarget')}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
            {t('plan.periodFrom', { date: c.currentPeriodStart })}
          </Typography.Text>
        </span>
        {c.next ? (
          <Tag color="gold" data-testid={`target-next-${c.code}`}>
            {t('plan.nextChange', { date: c.next.effectiveFrom, target: c.next.target })}
          </Tag>
        ) : null}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('plan.targetVersions')}
      </Typography.Text>
      <Table
        size="small"
        rowKey="effectiveFrom"
        pagination={false}
        dataSource={[...c.targets].reverse()}
        columns={[
          {
            title: t('plan.effectiveFrom'),
            dataIndex: 'effectiveFrom',
            render: (v: string) => (v <= BASE_EFFECTIVE_FROM ? t('plan.fromStart') : v),
          },
          { title: t('plan.target'), dataIndex: 'target', align: 'right' },
          {
            title: t('plan.setAt'),
            dataIndex: 'createdAt',
            render: (v: string) => formatDateTime(v),
          },
        ]}
      />
    </Card>
  );
}
