import { EditOutlined, PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Empty, Flex, Popconfirm, Skeleton, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client';
import { planApi } from '../../../../api/endpoints';
import type { Commitment, PlanMeasure } from '../../../../api/types';
import { formatDateTime } from '../../../../ui/format';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { planKeys, usePlanMeasure } from '../hooks/usePlan';
import { localized, measureText } from '../planText';
import { CommitmentCard } from './CommitmentCard';
import { MeasureHistory } from './MeasureHistory';
import { MeasureTags } from './MeasureTags';

/**
 * A measure as the plan reads it: text, purpose and key points, its commitments with their
 * targets, and the change history. Managers edit, retire or reactivate it and change targets.
 */
export function MeasureDrawer({
  estateId,
  measureId,
  seed,
  canManage,
  onClose,
  onEdit,
  onEditTarget,
}: {
  estateId: string;
  measureId: string | null;
  seed?: PlanMeasure;
  canManage: boolean;
  onClose: () => void;
  onEdit: (m: PlanMeasure) => void;
  onEditTarget: (c: Commitment) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const isMobile = useIsMobile();
  const queryClient = useQueryClient();
  const [tab, setTab] = useState('info');
  const query = usePlanMeasure(estateId, measureId, seed);
  const m = query.data;
  const lang = i18n.language;

  const setStatus = useMutation({
    mutationFn: (x: PlanMeasure) =>
      planApi.update(estateId, x.id, {
        version: x.version,
        status: x.status === 'active' ? 'retired' : 'active',
      }),
    onSuccess: (x) => {
      queryClient.setQueryData(planKeys.measure(estateId, x.id), x);
      void queryClient.invalidateQueries({ queryKey: planKeys.all(estateId) });
      message.success(
        t(x.status === 'retired' ? 'plan.retiredToast' : 'plan.reactivatedToast', { code: x.code }),
      );
    },
    onError: (err) => {
      notifyError(err);
      if (err instanceof ApiError && err.status === 412) void query.refetch();
    },
  });

  const text = (zh: string | null, en: string | null) => {
    const v = localized(zh, en, lang);
    return v ? <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> : '—';
  };

  return (
    <Drawer
      open={!!measureId}
      onClose={() => {
        setTab('info');
        onClose();
      }}
      size={isMobile ? '100%' : 680}
      title={m ? `${m.code} · ${measureText(m, lang)}` : null}
      data-testid="measure-drawer"
      extra={
        m && canManage ? (
          <Flex gap={8} wrap justify="flex-end">
            <Button icon={<EditOutlined />} onClick={() => onEdit(m)} data-testid="measure-edit">
              {isMobile ? null : t('plan.edit')}
            </Button>
            <Popconfirm
              title={
                m.status === 'active'
                  ? t('plan.retireConfirm', { code: m.code })
                  : t('plan.reactivateConfirm', { code: m.code })
              }
              okText={t('common.yes')}
              cancelText={t('common.no')}
              onConfirm={() => setStatus.mutate(m)}
            >
              <Button
                danger={m.status === 'active'}
                loading={setStatus.isPending}
                icon={m.status === 'active' ? <PauseCircleOutlined /> : <PlayCircleOutlined />}
                data-testid={m.status === 'active' ? 'measure-retire' : 'measure-reactivate'}
              >
                {isMobile ? null : m.status === 'active' ? t('plan.retire') : t('plan.reactivate')}
              </Button>
            </Popconfirm>
          </Flex>
        ) : null
      }
    >
      {query.isError ? <Alert type="error" showIcon title={query.error.message} /> : null}
      {!m ? (
        query.isError ? null : (
          <Skeleton active />
        )
      ) : (
        <>
          <Flex gap={6} wrap style={{ marginBottom: 12 }}>
            <Tag color="blue">{t(`enums.planStage.${m.stage}`)}</Tag>
            <Tag color="cyan">{t(`enums.planTeam.${m.team}`)}</Tag>
            <Tag>{t(`enums.actionTime.${m.actionTime}`)}</Tag>
            <MeasureTags measure={m} />
          </Flex>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'info',
                label: t('plan.tabs.info'),
                children: (
                  <Descriptions
                    column={1}
                    size="small"
                    bordered
                    styles={{ label: { width: isMobile ? 88 : 120 } }}
                    items={[
                      { key: 'text', label: t('plan.measure'), children: text(m.textZh, m.textEn) },
                      ...(lang === 'en' && m.textEn
                        ? [{ key: 'zh', label: t('plan.originalText'), children: m.textZh }]
                        : []),
                      { key: 'purpose', label: t('plan.purpose'), children: text(m.purposeZh, m.purposeEn) },
                      {
                        key: 'keyPoints',
                        label: t('plan.keyPoints'),
                        children: text(m.keyPointsZh, m.keyPointsEn),
                      },
                      {
                        key: 'roles',
                        label: t('plan.roles'),
                        children: m.roles.length
                          ? m.roles.map((r) => t(`enums.role.${r}`)).join(t('common.listSep'))
                          : '—',
                      },
                      {
                        key: 'status',
                        label: t('plan.status'),
                        children: t(`enums.measureStatus.${m.status}`),
                      },
                      {
                        key: 'version',
                        label: t('plan.version'),
                        children: `v${m.version} · ${formatDateTime(m.updatedAt)}`,
                      },
                    ]}
                  />
                ),
              },
              {
                key: 'commitments',
                label: `${t('plan.tabs.commitments')} (${m.commitments.length})`,
                children: m.commitments.length ? (
                  m.commitments.map((c) => (
                    <CommitmentCard
                      key={c.id}
                      commitment={c}
                      canManage={canManage}
                      onEditTarget={onEditTarget}
                    />
                  ))
                ) : (
                  <Empty description={t('plan.noCommitments')} />
                ),
              },
              {
                key: 'history',
                label: t('plan.tabs.history'),
                children: tab === 'history' ? <MeasureHistory estateId={estateId} measureId={m.id} /> : null,
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
