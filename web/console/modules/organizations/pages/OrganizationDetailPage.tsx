import {
  ArrowLeftOutlined,
  CheckOutlined,
  DeleteOutlined,
  EditOutlined,
  MessageOutlined,
  PlusOutlined,
  UndoOutlined,
  UserOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  List,
  Popconfirm,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { formatDateTime, pickedInstant } from '../../../../ui/format';
import { PageHeader } from '../../../../ui/PageHeader';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useCan } from '../../../session/useCan';
import { useCurrentUser } from '../../../session/useCurrentUser';
import { AddMemberModal } from '../components/AddMemberModal';
import { ContactLogModal } from '../components/ContactLogModal';
import { OrganizationFormModal } from '../components/OrganizationFormModal';
import {
  organizationsApi,
  useOrgAction,
  useOrganization,
  useOrganizationContacts,
} from '../hooks/useOrganizations';
import { KIND_COLORS, type OrganizationContact, type OrganizationDetail } from '../organizationText';

/** One organization: who it is, its members with their roles, and the contact log (C4). */
export function OrganizationDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const org = useOrganization(id);
  const can = useCan();
  const me = useCurrentUser().data;
  const run = useOrgAction();
  const isMobile = useIsMobile();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [logging, setLogging] = useState(false);
  const o = org.data;
  const manages = can('plan.manage');
  const keeper = !!o && (manages || me?.id === o.managerId || me?.role === 'culture');
  const memberIds = useMemo(() => new Set((o?.members ?? []).map((m) => m.householdId)), [o]);

  if (org.isError) return <Alert type="error" showIcon title={org.error.message} />;
  if (!o) return <Skeleton active paragraph={{ rows: 8 }} />;

  return (
    <div style={{ maxWidth: 960 }} data-testid="org-detail">
      <Link to="/organizations">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('orgs.back')}
        </Button>
      </Link>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <span>{o.name}</span>
            <Tag color={KIND_COLORS[o.kind]}>{t(`orgs.kinds.${o.kind}`)}</Tag>
            {!o.active ? <Tag>{t('orgs.inactive')}</Tag> : null}
          </Flex>
        }
        extra={
          <>
            {manages ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="org-edit">
                {t('common.edit')}
              </Button>
            ) : null}
            {keeper ? (
              <Button
                type="primary"
                icon={<MessageOutlined />}
                onClick={() => setLogging(true)}
                data-testid="org-log-contact"
              >
                {t('orgs.contact.log')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={isMobile ? 1 : 2}
          items={[
            { key: 'm', label: t('orgs.manager'), children: o.managerName },
            { key: 't', label: t('orgs.meetingTime'), children: o.meetingTime ?? '—' },
            { key: 'p', label: t('orgs.meetingPlace'), children: o.meetingPlace ?? '—' },
            {
              key: 'l',
              label: t('orgs.lastContactLabel'),
              children: o.lastContactAt ? formatDateTime(o.lastContactAt) : t('orgs.noContactYet'),
            },
            ...(o.description
              ? [{ key: 'd', label: t('orgs.description'), children: o.description, span: 2 }]
              : []),
          ]}
        />
      </Card>
      {/* On a phone the contact log comes first: it is what the keeper opens the page for. */}
      <Flex gap={12} align="flex-start" style={{ flexDirection: isMobile ? 'column-reverse' : 'row' }}>
        <Card
          size="small"
          title={t('orgs.members.title', { n: o.memberCount })}
          style={{ flex: 1, width: isMobile ? '100%' : undefined, minWidth: 0 }}
          extra={
            keeper ? (
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setAdding(true)}
                data-testid="org-member-add"
              >
                {t('orgs.members.add')}
              </Button>
            ) : null
          }
        >
          <List
            size="small"
            dataSource={o.members}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgs.members.empty')} />,
            }}
            renderItem={(m) => (
              <List.Item
                key={m.householdId}
                data-testid={`org-member-${m.householdId}`}
                actions={
                  keeper
                    ? [
                        <Popconfirm
                          key="rm"
                          title={t('orgs.members.removeConfirm', { room: m.roomCode })}
                          onConfirm={() =>
                            run(
                              () => organizationsApi.removeMember(o.id, m.householdId),
                              t('orgs.members.removed'),
                            )
                          }
                        >
                          <Button
                            danger
                            size="small"
                            icon={<DeleteOutlined />}
                            aria-label={t('orgs.members.remove')}
                          />
                        </Popconfirm>,
                      ]
                    : undefined
                }
              >
                <Flex gap={8} align="center" wrap>
                  <Link to={`/households/${encodeURIComponent(m.householdId)}`}>
                    <Typography.Text strong>{m.roomCode}</Typography.Text>
                  </Link>
                  <Typography.Text type="secondary">{m.primaryName ?? '—'}</Typography.Text>
                  {m.role ? <Tag color="gold">{m.role}</Tag> : null}
                </Flex>
              </List.Item>
            )}
          />
        </Card>
        <ContactLog org={o} keeper={keeper} />
      </Flex>

      <OrganizationFormModal
        open={editing}
        estateId={o.estateId}
        initial={o}
        onClose={() => setEditing(false)}
        onSave={async (v) => {
          const ok = await run(
            () =>
              organizationsApi.update(o.id, {
                version: o.version,
                name: v.name.trim(),
                kind: v.kind,
                managerId: v.managerId,
                description: v.description?.trim() || null,
                meetingPlace: v.meetingPlace?.trim() || null,
                meetingTime: v.meetingTime?.trim() || null,
                active: v.active,
              }),
            t('common.saved'),
          );
          if (ok) setEditing(false);
        }}
      />
      <AddMemberModal
        open={adding}
        estateId={o.estateId}
        exclude={memberIds}
        onClose={() => setAdding(false)}
        onAdd={async (householdId, role) => {
          const ok = await run(
            () => organizationsApi.addMember(o.id, { householdId, role }),
            t('orgs.members.added'),
          );
          if (ok) setAdding(false);
        }}
      />
      <ContactLogModal
        open={logging}
        estateId={o.estateId}
        orgName={o.name}
        meId={me?.id ?? ''}
        onClose={() => setLogging(false)}
        onSave={async (v) => {
          const ok = await run(
            () =>
              organizationsApi.logContact(o.id, {
                contactedAt: pickedInstant(v.contactedAt),
                staffId: v.staffId,
                channel: v.channel,
                summary: v.summary.trim(),
                followUp: v.followUp?.trim() || undefined,
              }),
            t('orgs.contact.saved'),
          );
          if (ok) setLogging(false);
        }}
      />
    </div>
  );
}

function ContactLog({ org: o, keeper }: { org: OrganizationDetail; keeper: boolean }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const contacts = useOrganizationContacts(o.id);
  const rows = useMemo(() => contacts.data?.pages.flatMap((p) => p.items) ?? [], [contacts.data]);
  return (
    <Card
      size="small"
      title={t('orgs.contact.logTitle')}
      style={{ flex: 1.4, width: isMobile ? '100%' : undefined, minWidth: 0 }}
      data-testid="org-contacts"
    >
      {contacts.isError ? <Alert type="error" showIcon title={contacts.error.message} /> : null}
      {contacts.isPending ? <Skeleton active paragraph={{ rows: 3 }} /> : null}
      <List
        size="small"
        dataSource={rows}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgs.contact.empty')} />,
        }}
        renderItem={(c) => <ContactItem key={c.id} c={c} keeper={keeper} />}
      />
      {contacts.hasNextPage ? (
        <Flex justify="center" style={{ marginTop: 8 }}>
          <Button onClick={() => void contacts.fetchNextPage()} loading={contacts.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      ) : null}
    </Card>
  );
}

function ContactItem({ c, keeper }: { c: OrganizationContact; keeper: boolean }) {
  const { t } = useTranslation();
  const run = useOrgAction();
  const done = !!c.followUpDoneAt;
  return (
    <List.Item key={c.id} data-testid={`org-contact-${c.id}`} style={{ display: 'block' }}>
      <Flex gap={8} wrap align="center">
        <Typography.Text strong>{formatDateTime(c.contactedAt)}</Typography.Text>
        <Tag style={{ marginInlineEnd: 0 }}>{t(`orgs.channels.${c.channel}`)}</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <UserOutlined /> {c.staffName}
        </Typography.Text>
      </Flex>
      <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
        {c.summary}
      </Typography.Paragraph>
      {c.followUp ? (
        <Flex gap={8} wrap align="center" style={{ marginTop: 4 }}>
          <Tag color={done ? 'success' : 'warning'} style={{ marginInlineEnd: 0 }}>
            {done ? t('orgs.contact.followUpDone') : t('orgs.contact.followUpOpen')}
          </Tag>
          <Typography.Text type={done ? 'secondary' : undefined} delete={done} style={{ fontSize: 13 }}>
            {c.followUp}
          </Typography.Text>
          {keeper ? (
            <Button
              size="small"
              type={done ? 'text' : 'default'}
              icon={done ? <UndoOutlined /> : <CheckOutlined />}
              data-testid={`org-followup-${c.id}`}
              onClick={() =>
                run(
                  () => organizationsApi.setFollowUp(c.id, c.version, !done),
                  done ? t('orgs.contact.reopened') : t('orgs.contact.marked'),
                )
              }
            >
              {done ? t('orgs.contact.reopen') : t('orgs.contact.markDone')}
            </Button>
          ) : null}
        </Flex>
      ) : null}
    </List.Item>
  );
}
