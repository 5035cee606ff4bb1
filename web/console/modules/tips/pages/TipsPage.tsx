import {
  BulbOutlined,
  EditOutlined,
  NotificationOutlined,
  PlusOutlined,
  ReloadOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../../../ui/PageHeader';
import { useCan } from '../../../session/useCan';
import { useEstate } from '../../../session/useEstate';
import { PostNoticeModal } from '../components/PostNoticeModal';
import { TipEditor } from '../components/TipEditor';
import {
  SEASONS,
  type Season,
  TIP_CATEGORIES,
  type Tip,
  type TipCategory,
  useTipList,
  useTipProposals,
} from '../hooks/useTips';

const CATEGORY_COLORS: Record<TipCategory, string> = {
  utilities: 'blue',
  plants: 'green',
  health: 'volcano',
};

/** 温馨提示库 (C8, E10, E11, T10): tips by category and season, this solar term's proposals, posting on the board. */
export function TipsPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const can = useCan();
  const navigate = useNavigate();
  const { estateId } = useEstate();
  const [category, setCategory] = useState<TipCategory | 'all'>('all');
  const [season, setSeason] = useState<Season | undefined>();
  const list = useTipList(estateId, { category: category === 'all' ? undefined : category, season });
  const proposals = useTipProposals(estateId);
  const [editing, setEditing] = useState<Tip | undefined>();
  const [creating, setCreating] = useState(false);
  const [posting, setPosting] = useState<Tip | undefined>();
  const canEdit = can('campaign.manage');
  const canPost = can('board.manage');
  const today = proposals.data?.date ?? new Date().toISOString().slice(0, 10);

  const title = (tip: Tip) => (en ? tip.titleEn : tip.titleZh);
  const text = (tip: Tip) => (en ? tip.textEn : tip.textZh);
  const when = (tip: Tip) =>
    tip.solarTerm
      ? en
        ? t('tips.duringTerm', { term: tip.solarTerm })
        : `${tip.solarTerm}`
      : tip.season
        ? t(`tips.seasons.${tip.season}`)
        : t('tips.anySeason');
  const postButton = (tip: Tip) =>
    canPost ? (
      <Button
        size="small"
        icon={<NotificationOutlined />}
        disabled={!tip.active}
        onClick={() => setPosting(tip)}
        data-testid={`tip-post-${tip.id}`}
      >
        {t('tips.postShort')}
      </Button>
    ) : null;

  // "Use in a campaign": the wizard opens with the tip chosen (its purpose and template follow).
  const campaignButton = (tip: Tip) =>
    canEdit ? (
      <Button
        size="small"
        icon={<SendOutlined />}
        disabled={!tip.active}
        onClick={() => navigate('/campaigns/new', { state: { tip } })}
        data-testid={`tip-campaign-${tip.id}`}
      >
        {t('tips.useInCampaign')}
      </Button>
    ) : null;

  const p = proposals.data;
  return (
    <div data-testid="tips-page">
      <PageHeader
        title={t('tips.title')}
        subtitle={t('tips.subtitle')}
        extra={
          <>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                void list.refetch();
                void proposals.refetch();
              }}
              loading={list.isFetching}
            >
              {t('common.refresh')}
            </Button>
            {canEdit ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="tip-new"
              >
                {t('tips.new')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card
        style={{ marginBottom: 12 }}
        data-testid="tip-proposals"
        title={
          <Space wrap>
            <BulbOutlined />
            {p
              ? t('tips.proposalsTitle', {
                  term: en ? p.solarTermEn : p.solarTerm,
                  season: t(`tips.seasons.${p.season}`),
                })
              : t('tips.proposalsLoading')}
          </Space>
        }
        extra={
          p ? (
            <Typography.Text type="secondary">
              {t('tips.termSince', { date: p.solarTermSince })}
            </Typography.Text>
          ) : null
        }
      >
        {proposals.isError ? <Alert type="error" showIcon title={proposals.error.message} /> : null}
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('tips.healthRule')} />
        {proposals.isPending && estateId ? <Typography.Text type="secondary">…</Typography.Text> : null}
        {p && !p.items.length ? <Empty description={t('tips.noProposals')} /> : null}
        <Flex vertical gap={8}>
          {(p?.items.slice(0, 6) ?? []).map((tip) => (
            <Flex
              key={tip.id}
              gap={12}
              wrap
              justify="space-between"
              align="center"
              style={{ borderBottom: '1px solid rgba(5,5,5,0.06)', paddingBottom: 8 }}
            >
              <Flex vertical style={{ flex: '1 1 260px', minWidth: 0 }}>
                <Space wrap size={4}>
                  <Tag color={CATEGORY_COLORS[tip.category]}>{t(`tips.categories.${tip.category}`)}</Tag>
                  <Typography.Text strong>{title(tip)}</Typography.Text>
                </Space>
                <Typography.Text type="secondary">{text(tip)}</Typography.Text>
              </Flex>
              <Space wrap>
                {campaignButton(tip)}
                {postButton(tip)}
              </Space>
            </Flex>
          ))}
        </Flex>
      </Card>
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Segmented
            value={category}
            onChange={(v) => setCategory(v as TipCategory | 'all')}
            options={[
              { value: 'all', label: t('tips.allCategories') },
              ...TIP_CATEGORIES.map((c) => ({ value: c, label: t(`tips.categories.${c}`) })),
            ]}
            data-testid="tip-category"
          />
          <Select
            allowClear
            placeholder={t('tips.allSeasons')}
            value={season}
            onChange={setSeason}
            style={{ minWidth: 140 }}
            options={SEASONS.map((s) => ({ value: s, label: t(`tips.seasons.${s}`) }))}
          />
        </Flex>
        {list.isError ? (
          <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />
        ) : null}
        <Table<Tip>
          data-testid="tips-table"
          rowKey="id"
          size="small"
          loading={list.isPending && !!estateId}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('tips.empty') }}
          columns={[
            {
              title: t('tips.tip'),
              key: 'title',
              render: (_: unknown, r) => (
                <Flex vertical style={{ maxWidth: 420, minWidth: 220 }}>
                  <Typography.Text strong delete={!r.active}>
                    {title(r)}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {text(r)}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('tips.category'),
              dataIndex: 'category',
              render: (c: TipCategory) => <Tag color={CATEGORY_COLORS[c]}>{t(`tips.categories.${c}`)}</Tag>,
            },
            { title: t('tips.when'), key: 'when', render: (_: unknown, r) => when(r) },
            {
              title: t('tips.status'),
              dataIndex: 'active',
              render: (a: boolean) =>
                a ? <Tag color="green">{t('tips.on')}</Tag> : <Tag>{t('tips.off')}</Tag>,
            },
            ...(canEdit || canPost
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, r: Tip) => (
                      <Space>
                        {canEdit ? (
                          <Button
                            size="small"
                            icon={<EditOutlined />}
                            onClick={() => setEditing(r)}
                            data-testid={`tip-edit-${r.id}`}
                          >
                            {t('common.edit')}
                          </Button>
                        ) : null}
                        {campaignButton(r)}
                        {postButton(r)}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <TipEditor
        estateId={estateId}
        tip={editing}
        open={creating || !!editing}
        onClose={() => {
          setCreating(false);
          setEditing(undefined);
        }}
      />
      <PostNoticeModal
        estateId={estateId}
        tip={posting}
        today={today}
        onClose={() => setPosting(undefined)}
      />
    </div>
  );
}
