import { PlusOutlined, ReloadOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { formatDateTime } from '../../../../ui/format';
import { PageHeader } from '../../../../ui/PageHeader';
import { useCan } from '../../../session/useCan';
import { useEstate } from '../../../session/useEstate';
import { OrganizationFormModal } from '../components/OrganizationFormModal';
import { organizationsApi, useOrgAction, useOrganizationList } from '../hooks/useOrganizations';
import { KIND_COLORS, type Organization } from '../organizationText';

/** 业主组织与协会 (C4): every organization of the estate, who keeps contact, and the latest contact. */
export function OrganizationListPage() {
  const { t } = useTranslation();
  const { estateId } = useEstate();
  const can = useCan();
  const list = useOrganizationList(estateId);
  const [creating, setCreating] = useState(false);
  const run = useOrgAction();
  const navigate = useNavigate();

  return (
    <div style={{ maxWidth: 960 }} data-testid="org-list">
      <PageHeader
        title={t('orgs.title')}
        subtitle={t('orgs.subtitle')}
        extra={
          <>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void list.refetch()}
              loading={list.isFetching}
              aria-label={t('common.refresh')}
            />
            {can('plan.manage') ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="org-new"
              >
                {t('orgs.new')}
              </Button>
            ) : null}
          </>
        }
      />
      {list.isError ? <Alert type="error" showIcon title={list.error.message} /> : null}
      {list.isPending && estateId ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (list.data ?? []).length === 0 ? (
        <Empty description={t('orgs.empty')} style={{ marginTop: 32 }} />
      ) : (
        <Flex vertical gap={8}>
          {(list.data ?? []).map((o) => (
            <OrganizationCard key={o.id} org={o} />
          ))}
        </Flex>
      )}
      <OrganizationFormModal
        open={creating}
        estateId={estateId}
        onClose={() => setCreating(false)}
        onSave={async (v) => {
          const o = await run(
            () =>
              organizationsApi.create(estateId, {
                name: v.name.trim(),
                kind: v.kind,
                managerId: v.managerId,
                description: v.description?.trim() || undefined,
                meetingPlace: v.meetingPlace?.trim() || undefined,
                meetingTime: v.meetingTime?.trim() || undefined,
              }),
            t('orgs.created'),
          );
          if (!o) return;
          setCreating(false);
          navigate(`/organizations/${encodeURIComponent(o.id)}`);
        }}
      />
    </div>
  );
}

function OrganizationCard({ org: o }: { org: Organization }) {
  const { t } = useTranslation();
  return (
    <Link to={`/organizations/${encodeURIComponent(o.id)}`} data-testid={`org-card-${o.id}`}>
      <Card size="small" hoverable styles={{ body: { padding: 12 } }} style={{ opacity: o.active ? 1 : 0.6 }}>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {o.name}
          </Typography.Text>
          <Flex gap={4} wrap>
            <Tag color={KIND_COLORS[o.kind]} style={{ marginInlineEnd: 0 }}>
              {t(`orgs.kinds.${o.kind}`)}
            </Tag>
            {!o.active ? <Tag style={{ marginInlineEnd: 0 }}>{t('orgs.inactive')}</Tag> : null}
            {o.openFollowUps ? (
              <Badge count={t('orgs.openFollowUps', { n: o.openFollowUps })} color="orange" />
            ) : null}
          </Flex>
        </Flex>
        <Flex gap={12} wrap style={{ marginTop: 4 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <UserOutlined /> {t('orgs.keptBy', { name: o.managerName })}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <TeamOutlined /> {t('orgs.memberCount', { n: o.memberCount })}
          </Typography.Text>
          <Typography.Text type={o.lastContactAt ? 'secondary' : 'warning'} style={{ fontSize: 12 }}>
            {o.lastContactAt
              ? t('orgs.lastContact', { at: formatDateTime(o.lastContactAt) })
              : t('orgs.noContactYet')}
          </Typography.Text>
        </Flex>
        {o.meetingTime || o.meetingPlace ? (
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 2 }}>
            {[o.meetingTime, o.meetingPlace].filter(Boolean).join(' · ')}
          </Typography.Text>
        ) : null}
      </Card>
    </Link>
  );
}
