import {
  DeleteOutlined,
  EyeInvisibleOutlined,
  EyeOutlined,
  LockOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { householdsApi } from '../../../../api/endpoints';
import { type ConsentPurpose, SENSITIVE_CATEGORIES, type SensitiveCategory } from '../../../../api/enums';
import type { Household, SensitiveFact } from '../../../../api/types';
import { formatDate, formatDateTime } from '../../../../ui/format';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { useCan } from '../../../session/useCan';
import { useConsents } from '../hooks/useConsents';
import { householdKey } from '../hooks/useHousehold';
import { historyKey } from '../hooks/useHouseholdHistory';
import { sensitiveKey, useSensitiveFacts } from '../hooks/useSensitiveFacts';
import { AddSensitiveFactModal } from './AddSensitiveFactModal';
import { RecordConsentModal } from './RecordConsentModal';

const CATEGORY_COLORS: Record<SensitiveCategory, string> = { health: 'red', minor: 'gold', away: 'geekblue' };

/**
 * 敏感信息: health, minors and away periods. Hidden until the user clicks 显示 (each read is
 * audited); writing needs the resident's active consent for the category's purpose.
 */
export function SensitivePanel({ household }: { household: Household }) {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const readable = SENSITIVE_CATEGORIES.filter((c) => can(`sensitive.read.${c}`));
  const canWrite = can('sensitive.write');
  const [revealed, setRevealed] = useState(false);
  const [adding, setAdding] = useState(false);
  const [consentPurpose, setConsentPurpose] = useState<ConsentPurpose | null>(null);
  // Recording a missing consent replaces the add dialog; afterwards the add dialog comes back.
  const [resumeAdding, setResumeAdding] = useState<SensitiveCategory | null>(null);
  const facts = useSensitiveFacts(household.id, revealed && readable.length > 0);
  const consents = useConsents(household.id, canWrite);
  const memberName = (id: string | null) =>
    id ? (household.members.find((m) => m.id === id)?.name ?? '—') : t('consents.wholeHousehold');

  const remove = useMutation({
    mutationFn: (f: SensitiveFact) => householdsApi.deleteSensitive(household.id, f.id),
    onSuccess: (_r, f) => {
      message.success(t('sensitive.deleted'));
      queryClient.setQueryData<SensitiveFact[]>(sensitiveKey(household.id), (old) =>
        old?.filter((x) => x.id !== f.id),
      );
      void queryClient.invalidateQueries({ queryKey: householdKey(household.id), exact: true });
      void queryClient.invalidateQueries({ queryKey: historyKey(household.id) });
    },
    onError: notifyError,
  });

  const summary = household.sensitiveSummary;
  const describe = (f: SensitiveFact) => (
    <Space orientation="vertical" size={2}>
      {f.detail.conditions?.length ? (
        <Flex gap={4} wrap>
          {f.detail.conditions.map((c) => (
            <Tag key={c} color="red" variant="outlined" style={{ marginInlineEnd: 0 }}>
              {t(`enums.healthCondition.${c}`)}
            </Tag>
          ))}
        </Flex>
      ) : null}
      {f.detail.from || f.detail.until ? (
        <span>
          {t('sensitive.awayPeriod')}
          {t('common.colon')}
          {formatDate(f.detail.from)} ~ {formatDate(f.detail.until)}
        </span>
      ) : null}
      {f.detail.note ? <span style={{ whiteSpace: 'pre-wrap' }}>{f.detail.note}</span> : null}
    </Space>
  );

  return (
    <Card
      size="small"
      title={
        <Space>
          <LockOutlined />
          {t('sensitive.title')}
        </Space>
      }
      extra={
        <Space wrap>
          {readable.length > 0 ? (
            revealed ? (
              <Button
                size="small"
                icon={<EyeInvisibleOutlined />}
                onClick={() => {
                  setRevealed(false);
                  queryClient.removeQueries({ queryKey: sensitiveKey(household.id) });
                }}
              >
                {t('sensitive.hide')}
              </Button>
            ) : (
              <Button
                size="small"
                type="primary"
                ghost
                icon={<EyeOutlined />}
                onClick={() => setRevealed(true)}
                data-testid="sensitive-reveal"
              >
                {t('sensitive.show')}
              </Button>
            )
          ) : null}
          {canWrite ? (
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => setAdding(true)}
              data-testid="sensitive-add"
            >
              {t('sensitive.add')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Alert type="warning" showIcon title={t('sensitive.auditNotice')} style={{ marginBottom: 12 }} />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        {SENSITIVE_CATEGORIES.map((c) => (
          <Tag key={c} color={summary[c] > 0 ? CATEGORY_COLORS[c] : undefined}>
            {t(`enums.sensitiveCategory.${c}`)} · {t('sensitive.count', { count: summary[c] })}
          </Tag>
        ))}
      </Flex>
      {readable.length === 0 ? (
        <Typography.Text type="secondary">{t('sensitive.noReadPermission')}</Typography.Text>
      ) : !revealed ? (
        <Typography.Text type="secondary">{t('sensitive.hiddenHint')}</Typography.Text>
      ) : facts.isError ? (
        <Alert type="error" showIcon title={facts.error.message} />
      ) : (
        <div data-testid="sensitive-list">
          {facts.isPending ? (
            <Skeleton active paragraph={{ rows: 2 }} />
          ) : facts.data.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sensitive.empty')} />
          ) : (
            facts.data.map((f) => (
              <Flex
                key={f.id}
                justify="space-between"
                align="flex-start"
                gap={12}
                style={{ padding: '12px 0', borderTop: '1px solid #f0f0f0' }}
              >
                <div style={{ minWidth: 0 }}>
                  <Space wrap size={8}>
                    <Tag color={CATEGORY_COLORS[f.category]} style={{ marginInlineEnd: 0 }}>
                      {t(`enums.sensitiveCategory.${f.category}`)}
                    </Tag>
                    <Typography.Text strong>{memberName(f.memberId)}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(f.createdAt)}
                    </Typography.Text>
                  </Space>
                  <div style={{ marginTop: 6 }}>{describe(f)}</div>
                </div>
                {canWrite ? (
                  <Popconfirm
                    title={t('sensitive.deleteConfirm')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => remove.mutateAsync(f).catch(() => undefined)}
                  >
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('common.delete')}
                    />
                  </Popconfirm>
                ) : null}
              </Flex>
            ))
          )}
        </div>
      )}
      {canWrite ? (
        <AddSensitiveFactModal
          household={household}
          consents={consents.data ?? []}
          allowed={SENSITIVE_CATEGORIES}
          initialCategory={resumeAdding ?? undefined}
          open={adding}
          onClose={() => {
            setAdding(false);
            setResumeAdding(null);
          }}
          onNeedConsent={
            can('consent.manage')
              ? (p, category) => {
                  setAdding(false);
                  setResumeAdding(category);
                  setConsentPurpose(p);
                }
              : undefined
          }
        />
      ) : null}
      {can('consent.manage') ? (
        <RecordConsentModal
          household={household}
          open={consentPurpose !== null}
          purpose={consentPurpose ?? undefined}
          onClose={() => {
            setConsentPurpose(null);
            if (resumeAdding) setAdding(true);
          }}
        />
      ) : null}
    </Card>
  );
}
