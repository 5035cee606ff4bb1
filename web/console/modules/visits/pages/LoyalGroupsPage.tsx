import {
  DeleteOutlined,
  MessageOutlined,
  PlusOutlined,
  ReloadOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Progress,
  Select,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { visitsApi } from '../../../../api/endpoints';
import { CONTACT_CHANNELS, LOYAL_GROUP_TARGET } from '../../../../api/enums';
import type { LogLoyalGroupContactBody, LoyalGroup, LoyalGroupMember } from '../../../../api/types';
import { formatDate, formatDateTime } from '../../../../ui/format';
import { PageHeader } from '../../../../ui/PageHeader';
import { FormModal } from '../../../forms/FormModal';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { useCan } from '../../../session/useCan';
import { useCurrentUser } from '../../../session/useCurrentUser';
import { useEstate } from '../../../session/useEstate';
import { percent } from '../../agenda/agendaText';
import { agendaKeys, useLoyalGroups } from '../../agenda/hooks/useAgenda';
import { HouseholdPicker } from '../components/HouseholdPicker';

/**
 * 忠诚客户 (S5): each squad leader keeps a group of about ten households and contacts each every
 * month. Managers see and edit every group; a squad leader their own.
 */
export function LoyalGroupsPage() {
  const { t } = useTranslation();
  const { estateId } = useEstate();
  const groups = useLoyalGroups(estateId);
  const can = useCan();
  const { data: me } = useCurrentUser();
  const editable = (g: LoyalGroup) =>
    can('plan.manage') || (me?.role === 'squad_leader' && me.id === g.leaderId);
  /** Households already in some group: not offered again. */
  const taken = useMemo(
    () => new Set((groups.data ?? []).flatMap((g) => g.members.map((m) => m.householdId))),
    [groups.data],
  );

  return (
    <div style={{ maxWidth: 960 }} data-testid="loyal-groups">
      <PageHeader
        title={t('loyal.title')}
        subtitle={t('loyal.subtitle', { target: LOYAL_GROUP_TARGET })}
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void groups.refetch()}
            loading={groups.isFetching}
            aria-label={t('common.refresh')}
          />
        }
      />
      {groups.isError ? <Alert type="error" showIcon title={groups.error.message} /> : null}
      {groups.isPending && estateId ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : groups.data && groups.data.length === 0 ? (
        <Empty description={t('loyal.empty')} style={{ marginTop: 32 }} />
      ) : (
        <Flex vertical gap={16}>
          {(groups.data ?? []).map((g) => (
            <GroupCard key={g.leaderId} group={g} estateId={estateId} editable={editable(g)} taken={taken} />
          ))}
        </Flex>
      )}
    </div>
  );
}

function GroupCard({
  group: g,
  estateId,
  editable,
  taken,
}: {
  group: LoyalGroup;
  estateId: string;
  editable: boolean;
  taken: ReadonlySet<string>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const notifyError = useNotifyError();
  const isMobile = useIsMobile();
  const [adding, setAdding] = useState(false);
  const [contactFor, setContactFor] = useState<LoyalGroupMember | null>(null);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: agendaKeys.loyalGroups(estateId) });
    void qc.invalidateQueries({ queryKey: agendaKeys.all });
  };
  const add = useMutation({
    mutationFn: (householdId: string) => visitsApi.addMember(estateId, g.leaderId, householdId),
    onSuccess: () => {
      message.success(t('loyal.added'));
      setAdding(false);
      refresh();
    },
    onError: notifyError,
  });
  const remove = useMutation({
    mutationFn: (householdId: string) => visitsApi.removeMember(estateId, g.leaderId, householdId),
    onSuccess: () => {
      message.success(t('loyal.removed'));
      refresh();
    },
    onError: notifyError,
  });
  const monthStart = new Date();
  monthStart.setDate(1);
  monthStart.setHours(0, 0, 0, 0);
  const full = g.size >= LOYAL_GROUP_TARGET;

  return (
    <Card
      size="small"
      data-testid={`loyal-group-${g.leaderId}`}
      title={
        <Flex gap={8} align="center" wrap>
          <TeamOutlined />
          <span>{t('loyal.groupOf', { name: g.leaderName })}</span>
        </Flex>
      }
      extra={
        editable ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid={`loyal-add-${g.leaderId}`}
          >
            {isMobile ? null : t('loyal.add')}
          </Button>
        ) : null
      }
    >
      <Flex gap={16} wrap align="center" style={{ marginBottom: 8 }}>
        <div style={{ minWidth: 180, flex: 1 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('loyal.size')}
          </Typography.Text>
          <Progress
            percent={percent(g.size, LOYAL_GROUP_TARGET)}
            format={() => `${g.size}/${LOYAL_GROUP_TARGET}`}
            status={full ? 'success' : 'normal'}
          />
        </div>
        <div style={{ minWidth: 180, flex: 1 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('loyal.contactedThisMonth')}
          </Typography.Text>
          <Progress
            percent={percent(g.householdsContactedThisMonth, g.size)}
            format={() => `${g.householdsContactedThisMonth}/${g.size}`}
            status={g.size > 0 && g.householdsContactedThisMonth >= g.size ? 'success' : 'normal'}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('loyal.contactsThisMonth', { n: g.contactsThisMonth })}
          </Typography.Text>
        </div>
      </Flex>
      <List
        size="small"
        dataSource={g.members}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('loyal.noMembers')} />,
        }}
        renderItem={(m) => {
          const contacted = !!m.lastContactAt && new Date(m.lastContactAt) >= monthStart;
          return (
            <List.Item
              key={m.householdId}
              data-testid={`loyal-member-${m.householdId}`}
              actions={
                editable
                  ? [
                      <Button
                        key="contact"
                        icon={<MessageOutlined />}
                        onClick={() => setContactFor(m)}
                        data-testid={`loyal-contact-${m.householdId}`}
                      >
                        {isMobile ? null : t('loyal.logContact')}
                      </Button>,
                      <Popconfirm
                        key="remove"
                        title={t('loyal.removeConfirm', { room: m.roomCode })}
                        onConfirm={() => remove.mutate(m.householdId)}
                      >
                        <Button danger icon={<DeleteOutlined />} aria-label={t('loyal.remove')} />
                      </Popconfirm>,
                    ]
                  : undefined
              }
            >
              <Flex vertical style={{ minWidth: 0 }}>
                <Typography.Text strong>{m.roomCode}</Typography.Text>
                <Flex gap={6} wrap>
                  <Tag color={contacted ? 'success' : 'warning'} style={{ marginInlineEnd: 0 }}>
                    {contacted ? t('loyal.contacted') : t('loyal.notContacted')}
                  </Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {m.lastContactAt
                      ? t('loyal.lastContact', { at: formatDateTime(m.lastContactAt) })
                      : t('loyal.since', { date: formatDate(m.addedAt) })}
                  </Typography.Text>
                </Flex>
              </Flex>
            </List.Item>
          );
        }}
      />
      <Modal
        open={adding}
        title={t('loyal.addTitle', { name: g.leaderName })}
        onCancel={() => setAdding(false)}
        footer={null}
        destroyOnHidden
      >
        {full ? (
          <Alert
            type="info"
            showIcon
            title={t('loyal.fullHint', { target: LOYAL_GROUP_TARGET })}
            style={{ marginBottom: 8 }}
          />
        ) : null}
        <HouseholdPicker
          estateId={estateId}
          exclude={taken}
          testId="loyal-household-search"
          onPick={(h) => add.mutate(h.id)}
        />
      </Modal>
      <ContactModal
        member={contactFor}
        onClose={() => setContactFor(null)}
        onSave={async (body) => {
          try {
            await visitsApi.logContact(estateId, g.leaderId, body);
            message.success(t('loyal.contactSaved'));
            setContactFor(null);
            refresh();
          } catch (err) {
            notifyError(err);
          }
        }}
      />
    </Card>
  );
}

function ContactModal({
  member,
  onClose,
  onSave,
}: {
  member: LoyalGroupMember | null;
  onClose: () => void;
  onSave: (body: LogLoyalGroupContactBody) => Promise<void>;
}) {
  const { t } = useTranslation();
  return (
    <FormModal<{ channel: LogLoyalGroupContactBody['channel']; note?: string }>
      open={!!member}
      title={member ? t('loyal.contactTitle', { room: member.roomCode }) : ''}
      saveTestId="loyal-contact-save"
      initialValues={{ channel: 'phone' }}
      onClose={onClose}
      onSave={async (v) => {
        if (!member) return;
        await onSave({
          householdId: member.householdId,
          channel: v.channel,
          note: v.note?.trim() || undefined,
        });
      }}
    >
      <Form.Item name="channel" label={t('loyal.channel')} rules={[{ required: true }]}>
        <Select options={CONTACT_CHANNELS.map((c) => ({ value: c, label: t(`enums.channel.${c}`) }))} />
      </Form.Item>
      <Form.Item name="note" label={t('loyal.note')} rules={[{ max: 500 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
