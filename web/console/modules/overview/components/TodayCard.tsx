import { CarOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Flex, Row, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../../../api/client';
import { calendarApi } from '../../../../api/endpoints';
import type { DayKind } from '../../../../api/enums';
import type { CalendarDay, PlateRestriction } from '../../../../api/types';
import { useCan } from '../../../session/useCan';

const DAY_KIND_COLOR: Record<DayKind, string> = {
  holiday: 'red',
  makeup_workday: 'orange',
  weekend: 'green',
  workday: 'default',
};

/** 2026年3月5日 / March 5, 2026 for a YYYY-MM-DD date (no time-zone shift). */
function longDate(date: string, lang: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'zh-CN', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

function useRestriction(city: string | undefined, date: string | undefined) {
  return useQuery({
    queryKey: ['plate-restriction', city, date],
    queryFn: () => calendarApi.restriction(city, date),
    enabled: !!city && !!date,
    staleTime: 10 * 60_000,
    retry: (n, err) => !(err instanceof ApiError && err.status === 404) && n < 2,
  });
}

/**
 * 今日: the Gregorian and lunar date, festivals, solar term, the kind of day (法定节假日 …),
 * the plate restriction (尾号限行) of the estate's city today and tomorrow, and — for admins —
 * a reminder when next year's official holidays are not entered yet.
 */
export function TodayCard({ city }: { city: string | undefined }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const lang = i18n.language;
  const day = useQuery({
    queryKey: ['calendar', 'day'],
    queryFn: () => calendarApi.day(),
    staleTime: 10 * 60_000,
  });
  const today = day.data?.date;
  const tomorrow = today ? dayjs(today).add(1, 'day').format('YYYY-MM-DD') : undefined;
  const todayR = useRestriction(city, today);
  const tomorrowR = useRestriction(city, tomorrow);

  return (
    <Card
      data-testid="today-card"
      style={{ marginBottom: 16 }}
      title={t('today.title')}
      extra={
        day.data ? (
          <Tag
            color={DAY_KIND_COLOR[day.data.dayKind]}
            style={{ marginInlineEnd: 0 }}
            data-testid="today-day-kind"
          >
            {t(`enums.dayKind.${day.data.dayKind}`)}
            {day.data.holidayName
              ? ` · ${lang === 'en' && day.data.holidayNameEn ? day.data.holidayNameEn : day.data.holidayName}`
              : ''}
          </Tag>
        ) : null
      }
    >
      {day.isError ? (
        <Alert type="error" showIcon title={day.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      {day.data?.nextYearScheduleMissing && can('calendar.manage') ? (
        <Alert
          type="warning"
          showIcon
          icon={<WarningOutlined />}
          style={{ marginBottom: 12 }}
          data-testid="today-schedule-missing"
          title={t('today.scheduleMissing', { year: day.data.nextYear })}
          description={t('today.scheduleMissingHint', { year: day.data.nextYear })}
          action={
            <Button
              size="small"
              type="primary"
              onClick={() => navigate(`/calendar?year=${day.data.nextYear}`)}
            >
              {t('today.enterSchedule')}
            </Button>
          }
        />
      ) : null}
      <Row gutter={[24, 16]}>
        <Col xs={24} md={12}>
          {day.data ? <DayInfo day={day.data} lang={lang} /> : <Skeleton active paragraph={{ rows: 2 }} />}
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>
            <CarOutlined /> {t('today.restriction')}
            {todayR.data
              ? ` · ${lang === 'en' && todayR.data.cityNameEn ? todayR.data.cityNameEn : todayR.data.cityName}`
              : ''}
          </Typography.Text>
          <RestrictionLine
            label={t('today.today')}
            testId="today-restriction"
            q={todayR}
            city={city}
            lang={lang}
          />
          <RestrictionLine
            label={t('today.tomorrow')}
            testId="tomorrow-restriction"
            q={tomorrowR}
            city={city}
            lang={lang}
          />
        </Col>
      </Row>
    </Card>
  );
}

function DayInfo({ day, lang }: { day: CalendarDay; lang: string }) {
  const { t } = useTranslation();
  return (
    <div data-testid="today-date">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {longDate(day.date, lang)} {t(`enums.weekday.${day.weekday}`)}
      </Typography.Title>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
        {lang === 'en' ? day.lunar.textEn : `${t('today.lunar')} ${day.lunar.fullText}`}
      </Typography.Text>
      {day.festivals.length || day.solarTerm ? (
        <Flex gap={6} wrap style={{ marginTop: 8 }}>
          {day.festivals.map((f) => (
            <Tag key={f.name} color={f.statutory ? 'red' : 'magenta'}>
              {lang === 'en' ? f.nameEn : f.name}
            </Tag>
          ))}
          {day.solarTerm ? (
            <Tag color="green">
              {t('today.solarTerm', {
                name: lang === 'en' && day.solarTermEn ? day.solarTermEn : day.solarTerm,
              })}
            </Tag>
          ) : null}
        </Flex>
      ) : null}
      {!day.scheduleEntered ? (
        <Typography.Text type="warning" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
          {t('today.thisYearMissing')}
        </Typography.Text>
      ) : null}
    </div>
  );
}

function RestrictionLine({
  label,
  testId,
  q,
  city,
  lang,
}: {
  label: string;
  testId: string;
  q: { data?: PlateRestriction; isPending: boolean; isError: boolean; error: Error | null };
  city: string | undefined;
  lang: string;
}) {
  const { t } = useTranslation();
  let body: ReactNode;
  if (q.isError) {
    body =
      q.error instanceof ApiError && q.error.status === 404 ? (
        <Typography.Text type="secondary">{t('today.noRule', { city: city ?? '' })}</Typography.Text>
      ) : (
        <Typography.Text type="danger">{q.error?.message}</Typography.Text>
      );
  } else if (!q.data) {
    body =
      q.isPending && city ? (
        <Skeleton.Input active size="small" />
      ) : (
        <Typography.Text type="secondary">—</Typography.Text>
      );
  } else {
    const r = q.data;
    const reason = lang === 'en' ? r.reasonText.en : r.reasonText.zh;
    body = r.restricted ? (
      <div>
        <Typography.Text strong style={{ fontSize: 16, color: '#cf1322' }}>
          {t('today.digits', { digits: r.digits.join(t('today.digitsJoin')) })}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {[r.hoursText, lang === 'en' && r.areaEn ? r.areaEn : r.area].filter(Boolean).join(' · ')}
        </Typography.Text>
      </div>
    ) : (
      <div>
        <Typography.Text strong style={{ fontSize: 16, color: '#389e0d' }}>
          {t('today.noRestriction')}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {reason}
        </Typography.Text>
      </div>
    );
  }
  return (
    <Flex gap={12} align="flex-start" style={{ marginBottom: 8 }} data-testid={testId}>
      <Tag style={{ marginTop: 2, marginInlineEnd: 0 }}>{label}</Tag>
      <div style={{ minWidth: 0, flex: 1 }}>{body}</div>
    </Flex>
  );
}
