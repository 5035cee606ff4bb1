import { TeamOutlined } from '@ant-design/icons';
import {
  Alert,
  Card,
  Col,
  Flex,
  Input,
  Row,
  Select,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffMember } from '../../../../api/types';
import { PageHeader } from '../../../../ui/PageHeader';
import { useStaff } from '../../../hooks/useStaff';
import { useTeams } from '../../../hooks/useTeams';
import { useEstate } from '../../../session/useEstate';

const TEAM_COLORS: Record<string, string> = {
  security: '#1668dc',
  service: '#13a8a8',
  environment: '#52c41a',
  technical: '#fa8c16',
  management: '#722ed1',
};

/** 员工与班组: teams with their sizes and the staff roster. */
export function StaffTeamsPage() {
  const { t, i18n } = useTranslation();
  const { estateId } = useEstate();
  const teams = useTeams(estateId);
  const staff = useStaff(estateId);
  const [teamId, setTeamId] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (staff.data ?? []).filter(
      (s) =>
        (!teamId || s.teamId === teamId) &&
        (!needle ||
          s.displayName.toLowerCase().includes(needle) ||
          (s.position ?? '').toLowerCase().includes(needle) ||
          (s.phone ?? '').includes(needle)),
    );
  }, [staff.data, teamId, q]);
  const teamName = (id: string | null) => {
    const tm = teams.data?.find((x) => x.id === id);
    return tm ? (i18n.language === 'en' ? tm.nameEn : tm.name) : '—';
  };

  return (
    <div>
      <PageHeader title={t('people.staffTitle')} subtitle={t('people.staffSubtitle')} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {teams.isPending
          ? [0, 1, 2, 3, 4].map((i) => (
              <Col key={i} flex="1 1 170px">
                <Card>
                  <Skeleton active paragraph={false} />
                </Card>
              </Col>
            ))
          : (teams.data ?? []).map((tm) => (
              <Col key={tm.id} flex="1 1 170px">
                <Card
                  hoverable
                  size="small"
                  onClick={() => setTeamId(teamId === tm.id ? undefined : tm.id)}
                  style={{ borderColor: teamId === tm.id ? TEAM_COLORS[tm.code] : undefined }}
                >
                  <Statistic
                    title={
                      <Flex justify="space-between">
                        <span>{i18n.language === 'en' ? tm.nameEn : tm.name}</span>
                        <Tag color={TEAM_COLORS[tm.code]} style={{ marginInlineEnd: 0 }}>
                          {t(`enums.teamCode.${tm.code}`)}
                        </Tag>
                      </Flex>
                    }
                    value={tm.members}
                    suffix={t('people.persons')}
                    prefix={<TeamOutlined style={{ color: TEAM_COLORS[tm.code] }} />}
                  />
                </Card>
              </Col>
            ))}
      </Row>
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('people.searchStaff')}
            style={{ width: 260, maxWidth: '100%' }}
            onSearch={setQ}
            onChange={(e) => setQ(e.target.value)}
          />
          <Select
            allowClear
            placeholder={t('people.filterTeam')}
            style={{ width: 200, maxWidth: '100%' }}
            value={teamId}
            onChange={setTeamId}
            options={(teams.data ?? []).map((tm) => ({
              value: tm.id,
              label: i18n.language === 'en' ? tm.nameEn : tm.name,
            }))}
          />
          <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
            {t('people.staffCount', { count: rows.length })}
          </Typography.Text>
        </Flex>
        {staff.isError ? (
          <Alert type="error" showIcon title={staff.error.message} style={{ marginBottom: 12 }} />
        ) : null}
        <Table<StaffMember>
          rowKey="accountId"
          size="middle"
          loading={staff.isPending}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          columns={[
            { title: t('people.name'), dataIndex: 'displayName', fixed: 'left' },
            {
              title: t('people.role'),
              dataIndex: 'role',
              render: (v: string) => t(`enums.role.${v}`, { defaultValue: v }),
            },
            { title: t('people.team'), dataIndex: 'teamId', render: (v: string | null) => teamName(v) },
            { title: t('people.position'), dataIndex: 'position', render: (v: string | null) => v || '—' },
            {
              title: t('people.phone'),
              dataIndex: 'phone',
              render: (v: string | null) =>
                v ? <span style={{ fontVariantNumeric: 'tabular-nums' }}>{v}</span> : '—',
            },
            {
              title: t('people.buildings'),
              dataIndex: 'buildings',
              render: (v: string[]) => (v.length ? v.map((b) => <Tag key={b}>{b}</Tag>) : '—'),
            },
            {
              title: t('people.status'),
              dataIndex: 'status',
              render: (v: string) => (
                <Tag color={v === 'active' ? 'green' : 'default'}>
                  {t(`enums.accountStatus.${v}`, { defaultValue: v })}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
