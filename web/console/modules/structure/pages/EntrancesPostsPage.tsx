import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { estatesApi } from '../../../../api/endpoints';
import type { Entrance, Post } from '../../../../api/types';
import { PageHeader } from '../../../../ui/PageHeader';
import { useTeams } from '../../../hooks/useTeams';
import { useEstate } from '../../../session/useEstate';

/** 出入口与岗位: the estate's gates and the posts staffed at them. */
export function EntrancesPostsPage() {
  const { t, i18n } = useTranslation();
  const { estateId } = useEstate();
  const entrances = useQuery({
    queryKey: ['estates', estateId, 'entrances'],
    queryFn: () => estatesApi.entrances(estateId),
    enabled: !!estateId,
  });
  const posts = useQuery({
    queryKey: ['estates', estateId, 'posts'],
    queryFn: () => estatesApi.posts(estateId),
    enabled: !!estateId,
  });
  const teams = useTeams(estateId);
  const entranceName = (id: string | null) =>
    id ? (entrances.data?.find((e) => e.id === id)?.name ?? '—') : '—';
  const team = (id: string) => teams.data?.find((x) => x.id === id);

  return (
    <div>
      <PageHeader title={t('structure.entrancesTitle')} subtitle={t('structure.entrancesSubtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={t('structure.entrances')}>
            {entrances.isError ? <Alert type="error" showIcon title={entrances.error.message} /> : null}
            <Table<Entrance>
              rowKey="id"
              size="small"
              loading={entrances.isPending}
              dataSource={entrances.data ?? []}
              pagination={false}
              scroll={{ x: 'max-content' }}
              columns={[
                {
                  title: t('structure.entranceName'),
                  dataIndex: 'name',
                  render: (v: string, e) => (
                    <span>
                      {v} {e.isMain ? <Tag color="blue">{t('structure.mainEntrance')}</Tag> : null}
                    </span>
                  ),
                },
                {
                  title: t('structure.entranceKind'),
                  dataIndex: 'kind',
                  render: (v: string) => t(`enums.entranceKind.${v}`, { defaultValue: v }),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('structure.posts')}>
            {posts.isError ? <Alert type="error" showIcon title={posts.error.message} /> : null}
            <Table<Post>
              rowKey="id"
              size="small"
              loading={posts.isPending}
              dataSource={posts.data ?? []}
              pagination={false}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('structure.postName'), dataIndex: 'name' },
                {
                  title: t('structure.team'),
                  dataIndex: 'teamId',
                  render: (id: string) => {
                    const tm = team(id);
                    return tm ? (i18n.language === 'en' ? tm.nameEn : tm.name) : '—';
                  },
                },
                {
                  title: t('structure.entrance'),
                  dataIndex: 'entranceId',
                  render: (id: string | null) => entranceName(id),
                },
                {
                  title: t('structure.shift'),
                  dataIndex: 'shift',
                  // Shifts are either a code (day, night…) or a time range such as 07:00-22:00.
                  render: (v: string | null) =>
                    !v ? '—' : /^[a-z0-9_]+$/.test(v) ? t(`enums.shift.${v}`, { defaultValue: v }) : v,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
