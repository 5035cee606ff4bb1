import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Popconfirm, Segmented, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client';
import { SERVICE_TEAMS, type ServiceTeam } from '../../../../api/enums';
import { PageHeader } from '../../../../ui/PageHeader';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { useEstate } from '../../../session/useEstate';
import { type CatalogEntry, catalogApi } from '../catalogApi';
import { type CatalogFormValues, priceText, toBody } from '../catalogForm';
import { CatalogDrawer } from '../components/CatalogDrawer';

const ALL = 'all';

/**
 * 服务目录: the estate's service catalog as data a manager edits — every entry with its team,
 * category, price (yuan; stored in fen), who may see it (internal entries tagged 不对外), and
 * whether it is still offered. A drawer adds or edits an entry; retiring keeps it on file.
 */
export function CatalogPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const { estateId } = useEstate();
  const [team, setTeam] = useState<ServiceTeam | typeof ALL>(ALL);
  const [showRetired, setShowRetired] = useState(false);
  const [drawer, setDrawer] = useState<{ entry: CatalogEntry | null } | null>(null);
  const key = ['service-catalog-admin', estateId];
  const list = useQuery({ queryKey: key, queryFn: () => catalogApi.list(estateId), enabled: !!estateId });
  const en = i18n.language === 'en';

  const reload = () => {
    void qc.invalidateQueries({ queryKey: key });
    void qc.invalidateQueries({ queryKey: ['service-catalog', estateId] });
  };
  const onConflict = (err: unknown) => {
    if (err instanceof ApiError && err.status === 412) {
      message.warning(err.message);
      reload();
    } else if (!(err instanceof ApiError && (err.status === 400 || err.status === 409))) notifyError(err);
  };

  const save = useMutation({
    mutationFn: (v: CatalogFormValues) => {
      const body = toBody(v);
      const entry = drawer?.entry;
      if (!entry) return catalogApi.create(estateId, body);
      const { code: _code, ...fields } = body;
      return catalogApi.update(estateId, entry.id, { ...fields, version: entry.version });
    },
    onSuccess: () => {
      message.success(t('common.saved'));
      setDrawer(null);
      reload();
    },
    onError: onConflict,
  });
  const retire = useMutation({
    mutationFn: (e: CatalogEntry) =>
      e.active
        ? catalogApi.retire(estateId, e.id, e.version)
        : catalogApi.update(estateId, e.id, { active: true, version: e.version }),
    onSuccess: (e) => {
      message.success(e.active ? t('catalog.reactivated') : t('catalog.retired'));
      reload();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 412) onConflict(err);
      else notifyError(err);
    },
  });

  const rows = useMemo(
    () => (list.data ?? []).filter((e) => (team === ALL || e.team === team) && (showRetired || e.active)),
    [list.data, team, showRetired],
  );

  const categoryLabel = (c: string) => {
    const k = `catalog.category.${c}`;
    return i18n.exists(k) ? t(k) : c;
  };

  const nameCell = (e: CatalogEntry) => (
    <Flex vertical gap={2}>
      <Flex gap={6} wrap align="center">
        <Typography.Text strong delete={!e.active}>
          {en && e.nameEn ? e.nameEn : e.name}
        </Typography.Text>
        {e.visibility === 'internal' ? (
          <Tag color="orange" data-testid="catalog-internal">
            {t('catalog.internalTag')}
          </Tag>
        ) : null}
        {!e.active ? <Tag>{t('catalog.retiredTag')}</Tag> : null}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {e.code} · {categoryLabel(e.category)}
        {isMobile
          ? ` · ${t(`enums.teamCode.${e.team}`)} · ${priceText(e, t('enums.priceKind.free'), t('enums.priceKind.quote'))}`
          : ''}
      </Typography.Text>
    </Flex>
  );

  const actions = (e: CatalogEntry) => (
    <Flex gap={4} wrap>
      <Button size="small" type="link" onClick={() => setDrawer({ entry: e })} data-testid="catalog-edit">
        {t('common.edit')}
      </Button>
      <Popconfirm
        title={e.active ? t('catalog.retireConfirm') : t('catalog.reactivateConfirm')}
        onConfirm={() => retire.mutate(e)}
        okText={t('common.yes')}
        cancelText={t('common.no')}
      >
        <Button size="small" type="link" danger={e.active}>
          {e.active ? t('catalog.retire') : t('catalog.reactivate')}
        </Button>
      </Popconfirm>
    </Flex>
  );

  const columns = isMobile
    ? [
        { title: t('catalog.field.name'), key: 'name', render: (_: unknown, e: CatalogEntry) => nameCell(e) },
        {
          title: t('common.actions'),
          key: 'a',
          width: 90,
          render: (_: unknown, e: CatalogEntry) => actions(e),
        },
      ]
    : [
        { title: t('catalog.field.name'), key: 'name', render: (_: unknown, e: CatalogEntry) => nameCell(e) },
        {
          title: t('catalog.field.team'),
          key: 'team',
          width: 110,
          render: (_: unknown, e: CatalogEntry) => t(`enums.teamCode.${e.team}`),
        },
        {
          title: t('catalog.field.price'),
          key: 'price',
          width: 110,
          render: (_: unknown, e: CatalogEntry) => (
            <span data-testid="catalog-price">
              {priceText(e, t('enums.priceKind.free'), t('enums.priceKind.quote'))}
            </span>
          ),
        },
        {
          title: t('catalog.field.targetsShort'),
          key: 'targets',
          width: 170,
          render: (_: unknown, e: CatalogEntry) =>
            t('catalog.targetsText', {
              response: e.targets.normal.responseMinutes,
              completion: Math.round((e.targets.normal.completionMinutes / 60) * 10) / 10,
            }),
        },
        {
          title: t('catalog.field.followUpShort'),
          key: 'follow',
          width: 150,
          render: (_: unknown, e: CatalogEntry) => (
            <Flex gap={4} wrap>
              {e.supervisionCard ? <Tag color="blue">{t('catalog.cardTag')}</Tag> : null}
              {e.revisitPolicy.afterDays ? (
                <Tag>{t('catalog.revisitTag', { days: e.revisitPolicy.afterDays })}</Tag>
              ) : null}
            </Flex>
          ),
        },
        {
          title: t('common.actions'),
          key: 'a',
          width: 130,
          render: (_: unknown, e: CatalogEntry) => actions(e),
        },
      ];

  return (
    <div>
      <PageHeader
        title={t('catalog.title')}
        subtitle={t('catalog.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDrawer({ entry: null })}
            data-testid="catalog-new"
          >
            {t('catalog.new')}
          </Button>
        }
      />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
          <Segmented
            value={team}
            onChange={(v) => setTeam(v as ServiceTeam | typeof ALL)}
            options={[
              { value: ALL, label: t('catalog.allTeams') },
              ...SERVICE_TEAMS.map((c) => ({ value: c, label: t(`enums.teamCode.${c}`) })),
            ]}
          />
        </div>
        <Flex gap={6} align="center">
          <Switch size="small" checked={showRetired} onChange={setShowRetired} />
          <Typography.Text>{t('catalog.showRetired')}</Typography.Text>
        </Flex>
      </Flex>
      {list.isError ? <Alert type="error" showIcon message={t('common.loadFailed')} /> : null}
      <Table<CatalogEntry>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={rows}
        columns={columns}
        pagination={false}
        data-testid="catalog-table"
      />
      <CatalogDrawer
        open={!!drawer}
        entry={drawer?.entry ?? null}
        saving={save.isPending}
        error={save.error}
        onSave={(v) => save.mutate(v)}
        onClose={() => {
          setDrawer(null);
          save.reset();
        }}
      />
    </div>
  );
}
