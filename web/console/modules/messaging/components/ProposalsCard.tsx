import { GiftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { Campaign, CampaignProposal } from '../../../../api/messaging';
import { daysBetween, todayIn } from '../../../../ui/format';
import { useProposals } from '../hooks/useMessaging';

/**
 * 节日提醒: the festivals ahead (this week's first) and the days on which residents who agreed to
 * birthday greetings have their birthday (with how many), each with a one-click "prepare greeting";
 * one that already has a campaign links to it instead.
 */
export function ProposalsCard({
  estateId,
  timeZone,
  campaigns,
}: {
  estateId: string;
  timeZone: string | undefined;
  campaigns: Campaign[];
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const q = useProposals(estateId);
  const today = todayIn(timeZone);
  // A proposal already prepared links to its campaign (birthdays: the campaign of that day).
  const prepared = (p: CampaignProposal) =>
    campaigns.find(
      (c) =>
        c.status !== 'cancelled' &&
        c.name.startsWith(p.date.slice(0, 4)) &&
        (p.kind === 'birthday'
          ? c.audience.birthday === p.audience.birthday
          : c.festival === p.festival && !c.audience.birthday),
    );
  const items = (q.data ?? []).slice(0, 8);
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <GiftOutlined />
          {t('campaigns.proposals.title')}
        </Flex>
      }
      style={{ marginBottom: 16 }}
      data-testid="campaign-proposals"
    >
      {q.isError ? <Alert type="error" showIcon title={q.error.message} /> : null}
      {q.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : items.length === 0 ? (
        <Empty description={t('campaigns.proposals.none')} />
      ) : (
        <Flex vertical>
          {items.map((p, i) => {
            const days = daysBetween(today, p.date);
            const existing = prepared(p);
            const birthday = p.kind === 'birthday';
            // What the test ids name: the festival, or the day of a birthday proposal.
            const slug = birthday ? `birthday-${p.date}` : p.festival;
            return (
              <Flex
                key={`${p.kind}-${p.festival}-${p.date}`}
                data-testid={`proposal-${slug}`}
                justify="space-between"
                align="center"
                gap={12}
                wrap
                style={{ padding: '12px 0', borderTop: i ? '1px solid rgba(5,5,5,0.06)' : undefined }}
              >
                <Flex vertical gap={4} style={{ minWidth: 0, flex: '1 1 260px' }}>
                  <Flex gap={6} wrap align="center">
                    {birthday ? <GiftOutlined style={{ color: '#eb2f96' }} /> : null}
                    <Typography.Text strong>
                      {birthday
                        ? t('campaigns.proposals.birthday')
                        : i18n.language === 'en'
                          ? p.festivalEn
                          : p.festival}
                    </Typography.Text>
                    <Typography.Text type="secondary">{p.date}</Typography.Text>
                    {days <= 7 ? (
                      <Tag color="red">
                        {days <= 0 ? t('campaigns.proposals.today') : t('campaigns.proposals.thisWeek')}
                      </Tag>
                    ) : (
                      <Tag>{t('campaigns.proposals.inDays', { n: days })}</Tag>
                    )}
                    {p.optional ? <Tag>{t('campaigns.proposals.optional')}</Tag> : null}
                    {birthday ? (
                      <Tag color="magenta" data-testid={`proposal-birthday-count-${p.date}`}>
                        {t('campaigns.proposals.people', { count: p.recipients ?? 0 })}
                      </Tag>
                    ) : null}
                  </Flex>
                  <Typography.Text type="secondary">
                    {birthday
                      ? t('campaigns.proposals.audienceBirthday', { count: p.recipients ?? 0 })
                      : p.audience.careFlags?.length
                        ? t('campaigns.proposals.audienceFlags', {
                            flags: p.audience.careFlags
                              .map((f) => t(`enums.careFlag.${f}`))
                              .join(t('common.listSep')),
                          })
                        : t('campaigns.proposals.audienceAll')}
                    {p.personalGreetings ? ` ${t('campaigns.proposals.personal')}` : ''}
                  </Typography.Text>
                </Flex>
                {existing ? (
                  <Link to={`/campaigns/${encodeURIComponent(existing.id)}`} data-testid={`prepared-${slug}`}>
                    {t('campaigns.proposals.prepared')}
                  </Link>
                ) : (
                  <Button
                    type={days <= 7 ? 'primary' : 'default'}
                    onClick={() => navigate('/campaigns/new', { state: { proposal: p } })}
                    data-testid={`prepare-${slug}`}
                  >
                    {t('campaigns.proposals.prepare')}
                  </Button>
                )}
              </Flex>
            );
          })}
        </Flex>
      )}
    </Card>
  );
}
