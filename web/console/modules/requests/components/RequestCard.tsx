import { EnvironmentOutlined, UserOutlined } from '@ant-design/icons';
import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ServiceRequest } from '../../../../api/types';
import { placeOf, serviceName } from '../requestText';
import { CareTag, DueTimes, PriorityTag, StatusTag } from './RequestTags';

/** One request as a card (phone lists and board columns); a click opens the detail. */
export function RequestCard({ request: r, actions }: { request: ServiceRequest; actions?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card
      size="small"
      hoverable
      data-testid={`request-card-${r.id}`}
      onClick={() => navigate(`/requests/${r.id}`)}
      style={{ borderInlineStart: r.care ? '3px solid #eb2f96' : undefined }}
      styles={{ body: { padding: 12 } }}
    >
      <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 6 }}>
        <Flex gap={6} align="center" wrap style={{ minWidth: 0 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            <EnvironmentOutlined style={{ color: 'rgba(0,0,0,0.45)', marginInlineEnd: 4 }} />
            {placeOf(r)}
          </Typography.Text>
          <CareTag request={r} />
          <PriorityTag priority={r.priority} />
        </Flex>
        <StatusTag status={r.status} testId="request-status" />
      </Flex>
      <Typography.Text strong style={{ display: 'block' }}>
        {serviceName(r, i18n.language)}
        <Typography.Text
          type="secondary"
          style={{ fontWeight: 'normal', fontSize: 12, marginInlineStart: 6 }}
        >
          {t(`enums.teamCode.${r.team}`)}
        </Typography.Text>
      </Typography.Text>
      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0 6px', color: 'rgba(0,0,0,0.65)' }}>
        {r.description}
      </Typography.Paragraph>
      <Flex gap={10} wrap style={{ fontSize: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <UserOutlined /> {r.assignee ? r.assignee.name : t('requests.unassigned')}
        </Typography.Text>
        <DueTimes request={r} />
      </Flex>
      {actions ? <div style={{ marginTop: 10 }}>{actions}</div> : null}
    </Card>
  );
}
