import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Empty, Flex, Modal, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serviceRequestsApi } from '../../../../api/endpoints';
import type { ServiceRequest } from '../../../../api/types';
import { useStaff } from '../../../hooks/useStaff';
import { useAssigneeSuggestions, useRequestAction } from '../hooks/useRequests';

interface Option {
  accountId: string;
  displayName: string;
  role: string;
  skillMatch: boolean | null;
  /** null: the team keeps no duty roster (or not a suggestion). */
  onDuty: boolean | null;
  openJobs: number | null;
}

/**
 * 派单: the responsible team's members ranked by duty, skill match and current load (the server's
 * suggestions), then any other member of the team from the roster.
 */
export function AssignModal({ request, onClose }: { request: ServiceRequest | null; onClose: () => void }) {
  const { t } = useTranslation();
  const open = !!request;
  const suggestions = useAssigneeSuggestions(request?.id ?? '', open);
  const staff = useStaff(open ? (request?.estateId ?? '') : '');
  const { act, pending } = useRequestAction();
  const [chosen, setChosen] = useState<string | null>(null);

  useEffect(() => {
    if (request) setChosen(request.assignee?.id ?? null);
  }, [request]);

  const options: Option[] = useMemo(() => {
    const list: Option[] = (suggestions.data ?? []).map((s) => ({ ...s }));
    const seen = new Set(list.map((o) => o.accountId));
    for (const s of staff.data ?? []) {
      if (s.teamCode !== request?.team || seen.has(s.accountId) || s.status !== 'active') continue;
      list.push({
        accountId: s.accountId,
        displayName: s.displayName,
        role: s.role,
        skillMatch: null,
        onDuty: null,
        openJobs: null,
      });
    }
    return list;
  }, [suggestions.data, staff.data, request?.team]);

  const save = async () => {
    if (!request || !chosen) return;
    const name = options.find((o) => o.accountId === chosen)?.displayName ?? '';
    await act(
      () => serviceRequestsApi.assign(request.id, chosen, request.version),
      t('requests.assign.done', { name }),
    );
    // On a conflict the lists reload with the current state; either way this dialog is done.
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('requests.assign.title')}
      onCancel={onClose}
      onOk={save}
      okText={t('requests.assign.save')}
      okButtonProps={{ disabled: !chosen, loading: pending, 'data-testid': 'assign-save' }}
      destroyOnHidden
    >
      {request ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {t('requests.assign.hint', { team: t(`enums.teamCode.${request.team}`) })}
        </Typography.Paragraph>
      ) : null}
      {suggestions.isError ? (
        <Alert type="error" showIcon title={suggestions.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      {suggestions.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : options.length === 0 ? (
        <Empty description={t('requests.assign.empty')} />
      ) : (
        <Flex vertical gap={8} data-testid="assign-options">
          {options.map((o, i) => {
            const active = chosen === o.accountId;
            return (
              <button
                type="button"
                key={o.accountId}
                aria-pressed={active}
                data-testid={`assign-option-${o.accountId}`}
                onClick={() => setChosen(o.accountId)}
                style={{
                  cursor: 'pointer',
                  textAlign: 'start',
                  width: '100%',
                  font: 'inherit',
                  padding: '10px 12px',
                  borderRadius: 8,
                  border: `1px solid ${active ? '#1677ff' : '#f0f0f0'}`,
                  background: active ? '#e6f4ff' : '#fff',
                }}
              >
                <Flex justify="space-between" align="center" gap={8}>
                  <div style={{ minWidth: 0 }}>
                    <Flex gap={6} align="center" wrap>
                      <Typography.Text strong>{o.displayName}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t(`enums.role.${o.role}`, { defaultValue: o.role })}
                      </Typography.Text>
                      {i === 0 && (o.skillMatch || o.onDuty) ? (
                        <Tag color="green" style={{ marginInlineEnd: 0 }}>
                          {t('requests.assign.recommended')}
                        </Tag>
                      ) : null}
                    </Flex>
                    <Flex gap={6} wrap style={{ marginTop: 4 }}>
                      {o.onDuty ? (
                        <Tag color="green" style={{ marginInlineEnd: 0 }}>
                          {t('requests.assign.onDuty')}
                        </Tag>
                      ) : o.onDuty === false ? (
                        <Tag color="default" style={{ marginInlineEnd: 0 }}>
                          {t('requests.assign.offDuty')}
                        </Tag>
                      ) : null}
                      {o.skillMatch ? (
                        <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                          {t('requests.assign.skillMatch')}
                        </Tag>
                      ) : o.skillMatch === false ? (
                        <Tag style={{ marginInlineEnd: 0 }}>{t('requests.assign.noSkill')}</Tag>
                      ) : null}
                      {o.openJobs !== null ? (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('requests.assign.openJobs', { count: o.openJobs })}
                        </Typography.Text>
                      ) : null}
                    </Flex>
                  </div>
                  {active ? <CheckCircleFilled style={{ color: '#1677ff', fontSize: 18 }} /> : null}
                </Flex>
              </button>
            );
          })}
        </Flex>
      )}
    </Modal>
  );
}
