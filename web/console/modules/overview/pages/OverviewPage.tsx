import {
  ApartmentOutlined,
  AuditOutlined,
  CloudSyncOutlined,
  HomeOutlined,
  PlusOutlined,
  TeamOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Progress, Row, Skeleton, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { estateName } from '../../../../ui/format';
import { SearchBox } from '../../../../ui/SearchBox';
import { useEstates } from '../../../hooks/useEstates';
import { useCan } from '../../../session/useCan';
import { useCurrentUser } from '../../../session/useCurrentUser';
import { useEstate } from '../../../session/useEstate';
import { TodayCard } from '../components/TodayCard';

/** 工作台: the estate at a glance and a quick household search. */
export function OverviewPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const { data: me } = useCurrentUser();
  const { estateId } = useEstate();
  const estates = useEstates();
  const estate = estates.data?.find((e) => e.id === estateId);
  const hour = new Date().getHours();
  const greeting = hour < 11 ? 'morning' : hour < 13 ? 'noon' : hour < 18 ? 'afternoon' : 'evening';

  const stats: {
    key: 'buildings' | 'rooms' | 'households' | 'staff';
    icon: ReactNode;
    color: string;
    to?: string;
  }[] = [
    { key: 'buildings', icon: <ApartmentOutlined />, color: '#1668dc', to: '/buildings' },
    { key: 'rooms', icon: <HomeOutlined />, color: '#13a8a8', to: '/buildings' },
    {
      key: 'households',
      icon: <UsergroupAddOutlined />,
      color: '#fa8c16',
      to: can('household.read') ? '/households' : undefined,
    },
    { key: 'staff', icon: <TeamOutlined />, color: '#722ed1', to: can('staff.read') ? '/staff' : undefined },
  ];
  const coverage =
    estate && estate.counts.rooms > 0
      ? Math.round((estate.counts.households / estate.counts.rooms) * 100)
      : 0;

  const actions = [
    can('household.create') && {
      key: 'create',
      icon: <PlusOutlined />,
      label: t('overview.actions.createHousehold'),
      to: '/households?new=1',
    },
    (can('household.import') || can('household.export')) && {
      key: 'import',
      icon: <CloudSyncOutlined />,
      label: t('overview.actions.importExport'),
      to: '/import-export',
    },
    {
      key: 'buildings',
      icon: <ApartmentOutlined />,
      label: t('overview.actions.buildings'),
      to: '/buildings',
    },
    can('audit.read') && {
      key: 'audit',
      icon: <AuditOutlined />,
      label: t('overview.actions.audit'),
      to: '/audit',
    },
  ].filter(Boolean) as { key: string; icon: ReactNode; label: string; to: string }[];

  return (
    <div>
      <div style={{ marginBottom: 20 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t(`overview.greeting.${greeting}`, { name: me?.displayName ?? '' })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {estate ? t('overview.subtitle', { estate: estateName(estate, i18n.language) }) : ' '}
        </Typography.Text>
      </div>

      {can('estate.read') ? <TodayCard city={estate?.city} /> : null}

      {can('household.read') ? (
        <Card style={{ marginBottom: 16 }}>
          <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
            {t('overview.quickSearch')}
          </Typography.Text>
          <SearchBox
            testId="household-search"
            size="large"
            buttonText={t('common.search')}
            placeholder={t('households.searchPlaceholder')}
            onSearch={(q) => navigate(q ? `/households?q=${encodeURIComponent(q)}` : '/households')}
          />
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
            {t('households.searchHint')}
          </Typography.Text>
        </Card>
      ) : null}

      {estates.isError ? (
        <Alert type="error" showIcon title={estates.error.message} style={{ marginBottom: 16 }} />
      ) : null}

      <Row gutter={[16, 16]}>
        {stats.map((s) => (
          <Col key={s.key} xs={12} md={12} lg={6}>
            <Card
              hoverable={!!s.to}
              onClick={s.to ? () => navigate(s.to!) : undefined}
              data-testid={`stat-${s.key}`}
              styles={{ body: { padding: 20 } }}
            >
              {estates.isPending ? (
                <Skeleton active paragraph={{ rows: 1 }} />
              ) : (
                <Statistic
                  title={t(`overview.stats.${s.key}`)}
                  value={estate?.counts[s.key] ?? 0}
                  prefix={<span style={{ color: s.color, marginInlineEnd: 4 }}>{s.icon}</span>}
                />
              )}
            </Card>
          </Col>
        ))}
      </Row>

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={14}>
          <Card title={t('overview.estateInfo')} style={{ height: '100%' }}>
            {estate ? (
              <>
                <Descriptions
                  column={{ xs: 1, sm: 2 }}
                  size="small"
                  items={[
                    {
                      key: 'name',
                      label: t('overview.estateName'),
                      children: estateName(estate, i18n.language),
                    },
                    { key: 'code', label: t('overview.estateCode'), children: estate.code },
                    { key: 'city', label: t('overview.city'), children: estate.city },
                    { key: 'tz', label: t('overview.timeZone'), children: estate.timeZone },
                    {
                      key: 'addr',
                      label: t('overview.address'),
                      children: estate.address ?? '—',
                      span: 'filled',
                    },
                  ]}
                />
                <Typography.Text type="secondary" style={{ display: 'block', marginTop: 16 }}>
                  {t('overview.coverage')}
                </Typography.Text>
                <Progress percent={coverage} strokeColor="#13a8a8" />
              </>
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('overview.quickActions')} style={{ height: '100%' }}>
            <Row gutter={[12, 12]}>
              {actions.map((a) => (
                <Col key={a.key} span={12}>
                  <Button block icon={a.icon} onClick={() => navigate(a.to)} style={{ height: 44 }}>
                    {a.label}
                  </Button>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
