import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Row, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { householdsApi } from '../../../../api/endpoints';
import { CARE_FLAGS, type CareFlag, OCCUPANCIES, type Occupancy } from '../../../../api/enums';
import type { HouseholdSummary } from '../../../../api/types';
import { formatDateTime } from '../../../../ui/format';
import { PageHeader } from '../../../../ui/PageHeader';
import { SearchBox } from '../../../../ui/SearchBox';
import { useBuildings } from '../../../hooks/useBuildings';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { useCan } from '../../../session/useCan';
import { useEstate } from '../../../session/useEstate';
import { CareFlagTags } from '../components/CareFlagTags';
import { CreateHouseholdModal } from '../components/CreateHouseholdModal';
import { OccupancyTag } from '../components/OccupancyTag';
import { useHouseholdList } from '../hooks/useHouseholdList';

/** 家庭档案: one search box, filters, a table loaded page by page. */
export function HouseholdListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const notifyError = useNotifyError();
  const { estateId } = useEstate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const buildingId = params.get('buildingId') ?? undefined;
  const occupancy = (params.get('occupancy') as Occupancy | null) ?? undefined;
  const careFlag = (params.get('careFlag') as CareFlag | null) ?? undefined;
  const [creating, setCreating] = useState(params.get('new') === '1' && can('household.create'));
  const [exporting, setExporting] = useState(false);
  const buildings = useBuildings(estateId);

  const filters = useMemo(
    () => ({ estateId: estateId || undefined, q: q || undefined, buildingId, occupancy, careFlag }),
    [estateId, q, buildingId, occupancy, careFlag],
  );
  const list = useHouseholdList(filters, !!estateId);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('new');
    setParams(next, { replace: true });
  };

  const buildingName = useMemo(() => {
    const m = new Map((buildings.data ?? []).map((b) => [b.id, b.name]));
    return (id: string) => m.get(id) ?? '';
  }, [buildings.data]);

  const columns: ColumnsType<HouseholdSummary> = [
    {
      title: t('households.columns.room'),
      dataIndex: 'roomCode',
      fixed: 'left',
      width: 110,
      render: (v: string, r) => (
        <div>
          <Typography.Text strong>{v}</Typography.Text>
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{buildingName(r.buildingId)}</div>
        </div>
      ),
    },
    {
      title: t('households.columns.primary'),
      dataIndex: 'primaryName',
      width: 120,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('households.columns.phone'),
      dataIndex: 'primaryPhone',
      width: 130,
      render: (v: string | null) =>
        v ? <span style={{ fontVariantNumeric: 'tabular-nums' }}>{v}</span> : '—',
    },
    {
      title: t('households.columns.occupancy'),
      dataIndex: 'occupancy',
      width: 100,
      render: (v: Occupancy) => <OccupancyTag value={v} />,
    },
    { title: t('households.columns.members'), dataIndex: 'memberCount', width: 80, align: 'right' },
    {
      title: t('households.columns.careFlags'),
      dataIndex: 'careFlags',
      width: 220,
      render: (v: CareFlag[]) => <CareFlagTags flags={v} />,
    },
    {
      title: t('households.columns.tags'),
      dataIndex: 'tags',
      width: 160,
      render: (v: string[]) => (v.length ? v.join('、') : '—'),
    },
    {
      title: t('households.columns.updatedAt'),
      dataIndex: 'updatedAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
  ];

  const doExport = async () => {
    setExporting(true);
    try {
      await householdsApi.export(
        { estateId, q: q || undefined, buildingId, occupancy, careFlag },
        `${t('households.exportFileName')}.xlsx`,
      );
    } catch (err) {
      notifyError(err);
    } finally {
      setExporting(false);
    }
  };

  return (
    <div>
      <PageHeader
        title={t('households.title')}
        subtitle={t('households.subtitle')}
        extra={
          <>
            {can('household.export') ? (
              <Button
                icon={<DownloadOutlined />}
                loading={exporting}
                onClick={doExport}
                data-testid="household-export"
              >
                {t('households.export')}
              </Button>
            ) : null}
            {can('household.create') ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="household-create"
              >
                {t('households.create.button')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card styles={{ body: { paddingBottom: 8 } }}>
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          <Col xs={24} lg={9}>
            <SearchBox
              testId="household-search"
              value={q}
              onSearch={(v) => setParam('q', v || undefined)}
              placeholder={t('households.searchPlaceholder')}
            />
          </Col>
          <Col xs={24} sm={8} lg={5}>
            <Select
              data-testid="filter-building"
              allowClear
              style={{ width: '100%' }}
              placeholder={t('households.filters.building')}
              value={buildingId}
              onChange={(v) => setParam('buildingId', v)}
              options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
            />
          </Col>
          <Col xs={12} sm={8} lg={5}>
            <Select
              data-testid="filter-occupancy"
              allowClear
              style={{ width: '100%' }}
              placeholder={t('households.filters.occupancy')}
              value={occupancy}
              onChange={(v) => setParam('occupancy', v)}
              options={OCCUPANCIES.map((o) => ({ value: o, label: t(`enums.occupancy.${o}`) }))}
            />
          </Col>
          <Col xs={12} sm={8} lg={5}>
            <Select
              data-testid="filter-care"
              allowClear
              style={{ width: '100%' }}
              placeholder={t('households.filters.careFlag')}
              value={careFlag}
              onChange={(v) => setParam('careFlag', v)}
              options={CARE_FLAGS.map((c) => ({ value: c, label: t(`enums.careFlag.${c}`) }))}
            />
          </Col>
        </Row>
        {list.isError ? (
          <Alert
            type="error"
            showIcon
            title={list.error.message}
            style={{ marginBottom: 12 }}
            action={
              <Button size="small" icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
                {t('common.retry')}
              </Button>
            }
          />
        ) : null}
        <Table<HouseholdSummary>
          data-testid="household-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(r) => ({ onClick: () => navigate(`/households/${r.id}`), style: { cursor: 'pointer' } })}
          locale={{ emptyText: q ? t('households.emptySearch', { q }) : t('households.empty') }}
        />
        <Flex justify="space-between" align="center" wrap gap={8} style={{ padding: '12px 0 4px' }}>
          <Typography.Text type="secondary">
            {t('households.loaded', { count: rows.length })}
            {list.hasNextPage ? '' : rows.length > 0 ? ` · ${t('households.allLoaded')}` : ''}
          </Typography.Text>
          {list.hasNextPage ? (
            <Button
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
              data-testid="load-more"
            >
              {t('common.loadMore')}
            </Button>
          ) : null}
        </Flex>
      </Card>
      <CreateHouseholdModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
