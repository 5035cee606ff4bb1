import { CloudOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { BoardGreeting, BoardNotice } from '../../../../api/messaging';
import { todayIn } from '../../../../ui/format';
import { PageHeader } from '../../../../ui/PageHeader';
import { useCan } from '../../../session/useCan';
import { useEstateZone } from '../../messaging/hooks/useMessaging';
import { BoardLinks } from '../components/BoardLinks';
import { GreetingModal } from '../components/GreetingModal';
import { NoticeModal } from '../components/NoticeModal';
import { WeatherSummary } from '../components/WeatherSummary';
import { useBoards, useGreetings, useNotices, useWeather } from '../hooks/useBoardAdmin';

/** 门岗信息屏 (board.manage): the boards of the estate, their notices and greeting lines, today's weather. */
export function BoardsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { estateId, timeZone } = useEstateZone();
  const today = todayIn(timeZone);
  const boards = useBoards(estateId);
  const notices = useNotices(estateId);
  const greetings = useGreetings(estateId);
  const weather = useWeather(estateId, today);
  const [notice, setNotice] = useState<BoardNotice | 'new' | null>(null);
  const [greeting, setGreeting] = useState<BoardGreeting | 'new' | null>(null);
  const boardName = (id: string | null) =>
    id
      ? (boards.data?.items.find((b) => b.entranceId === id)?.name ?? id)
      : t('boardAdmin.notices.everyBoard');
  const shown = (n: BoardNotice) => n.active && n.fromDate <= today && n.toDate >= today;

  return (
    <div data-testid="boards-page">
      <PageHeader
        title={t('boardAdmin.title')}
        subtitle={t('boardAdmin.subtitle')}
        extra={
          can('weather.enter') ? (
            <Link to="/weather-entry">
              <Button icon={<CloudOutlined />}>{t('boardAdmin.weather.enter')}</Button>
            </Link>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 16 }} title={t('boardAdmin.weather.today')}>
        {weather.data ? (
          <WeatherSummary weather={weather.data} timeZone={timeZone} />
        ) : weather.isError ? (
          <Alert type="error" title={weather.error.message} />
        ) : null}
      </Card>
      <Card>
        <Tabs
          items={[
            {
              key: 'boards',
              label: t('boardAdmin.tabs.boards'),
              children: <BoardLinks estateId={estateId} />,
            },
            {
              key: 'notices',
              label: t('boardAdmin.tabs.notices'),
              children: (
                <>
                  <Flex justify="flex-end" style={{ marginBottom: 12 }}>
                    <Button
                      type="primary"
                      icon={<PlusOutlined />}
                      onClick={() => setNotice('new')}
                      data-testid="notice-new"
                    >
                      {t('boardAdmin.notices.new')}
                    </Button>
                  </Flex>
                  {notices.isError ? <Alert type="error" showIcon title={notices.error.message} /> : null}
                  <Table<BoardNotice>
                    data-testid="notices-table"
                    rowKey="id"
                    size="small"
                    loading={notices.isPending}
                    dataSource={notices.data?.items ?? []}
                    pagination={false}
                    scroll={{ x: 'max-content' }}
                    locale={{ emptyText: t('boardAdmin.notices.empty') }}
                    columns={[
                      {
                        title: t('boardAdmin.notices.text'),
                        dataIndex: 'textZh',
                        render: (_: unknown, n) => (
                          <Flex vertical style={{ maxWidth: 420, minWidth: 200 }}>
                            <Typography.Text>{n.textZh}</Typography.Text>
                            {n.textEn ? (
                              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                {n.textEn}
                              </Typography.Text>
                            ) : null}
                          </Flex>
                        ),
                      },
                      {
                        title: t('boardAdmin.notices.kind'),
                        dataIndex: 'kind',
                        render: (k: BoardNotice['kind']) => (
                          <Tag color={k === 'warm_tip' ? 'gold' : 'blue'}>
                            {t(`boardAdmin.notices.kinds.${k}`)}
                          </Tag>
                        ),
                      },
                      {
                        title: t('boardAdmin.notices.dates'),
                        key: 'dates',
                        render: (_: unknown, n) => `${n.fromDate} ~ ${n.toDate}`,
                      },
                      { title: t('boardAdmin.notices.where'), dataIndex: 'entranceId', render: boardName },
                      {
                        title: t('boardAdmin.notices.state'),
                        key: 'state',
                        render: (_: unknown, n) =>
                          shown(n) ? (
                            <Tag color="green">{t('boardAdmin.notices.showing')}</Tag>
                          ) : n.active ? (
                            <Tag>{t('boardAdmin.notices.notNow')}</Tag>
                          ) : (
                            <Tag color="red">{t('boardAdmin.notices.withdrawn')}</Tag>
                          ),
                      },
                      {
                        title: t('common.actions'),
                        key: 'edit',
                        render: (_: unknown, n) => (
                          <Button
                            size="small"
                            icon={<EditOutlined />}
                            onClick={() => setNotice(n)}
                            data-testid={`notice-edit-${n.id}`}
                          >
                            {t('common.edit')}
                          </Button>
                        ),
                      },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'greetings',
              label: t('boardAdmin.tabs.greetings'),
              children: (
                <>
                  <Flex justify="space-between" gap={8} wrap style={{ marginBottom: 12 }}>
                    <Typography.Text type="secondary">{t('boardAdmin.greetings.help')}</Typography.Text>
                    <Button
                      type="primary"
                      icon={<PlusOutlined />}
                      onClick={() => setGreeting('new')}
                      data-testid="greeting-new"
                    >
                      {t('boardAdmin.greetings.new')}
                    </Button>
                  </Flex>
                  {greetings.isError ? <Alert type="error" showIcon title={greetings.error.message} /> : null}
                  <Table<BoardGreeting>
                    data-testid="greetings-table"
                    rowKey="id"
                    size="small"
                    loading={greetings.isPending}
                    dataSource={greetings.data?.items ?? []}
                    pagination={false}
                    scroll={{ x: 'max-content' }}
                    locale={{ emptyText: t('boardAdmin.greetings.empty') }}
                    columns={[
                      {
                        title: t('boardAdmin.greetings.text'),
                        dataIndex: 'textZh',
                        render: (_: unknown, g) => (
                          <Flex vertical style={{ maxWidth: 420, minWidth: 200 }}>
                            <Typography.Text>{g.textZh}</Typography.Text>
                            {g.textEn ? (
                              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                {g.textEn}
                              </Typography.Text>
                            ) : null}
                          </Flex>
                        ),
                      },
                      {
                        title: t('boardAdmin.greetings.when'),
                        key: 'when',
                        render: (_: unknown, g) =>
                          g.festival
                            ? t('boardAdmin.greetings.onFestival', { festival: g.festival })
                            : g.fromDate || g.toDate
                              ? `${g.fromDate ?? '…'} ~ ${g.toDate ?? '…'}`
                              : t('boardAdmin.greetings.anyDay'),
                      },
                      {
                        title: t('boardAdmin.greetings.active'),
                        dataIndex: 'active',
                        render: (a: boolean) =>
                          a ? <Tag color="green">{t('common.on')}</Tag> : <Tag>{t('common.off')}</Tag>,
                      },
                      {
                        title: t('common.actions'),
                        key: 'edit',
                        render: (_: unknown, g) => (
                          <Button size="small" icon={<EditOutlined />} onClick={() => setGreeting(g)}>
                            {t('common.edit')}
                          </Button>
                        ),
                      },
                    ]}
                  />
                </>
              ),
            },
          ]}
        />
      </Card>
      <NoticeModal
        estateId={estateId}
        open={notice !== null}
        notice={notice && notice !== 'new' ? notice : undefined}
        boards={boards.data?.items ?? []}
        onClose={() => setNotice(null)}
      />
      <GreetingModal
        estateId={estateId}
        open={greeting !== null}
        greeting={greeting && greeting !== 'new' ? greeting : undefined}
        onClose={() => setGreeting(null)}
      />
    </div>
  );
}
