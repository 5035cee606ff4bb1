import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Weather } from '../../../../api/messaging';
import { formatInZone } from '../../messaging/messagingText';

/** 多云 12~20°C · 降水 30% — with where it came from and when (or that there is none). */
export function WeatherSummary({ weather: w, timeZone }: { weather: Weather; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const f = w.forecast;
  if (!f)
    return (
      <Typography.Text type="secondary" data-testid="weather-summary">
        {t('boardAdmin.weather.none')}
      </Typography.Text>
    );
  const en = i18n.language === 'en';
  return (
    <Flex vertical gap={4} data-testid="weather-summary">
      <Flex gap={8} wrap align="baseline">
        <Typography.Text strong style={{ fontSize: 18 }}>
          {en ? f.conditionEn : f.conditionZh}
        </Typography.Text>
        <Typography.Text style={{ fontSize: 18 }}>
          {f.tempMin}~{f.tempMax}°C
        </Typography.Text>
        {f.precipitationChance !== null ? (
          <Typography.Text type="secondary">
            {t('boardAdmin.weather.rain', { n: f.precipitationChance })}
          </Typography.Text>
        ) : null}
        {(en ? f.windEn : f.windZh) ? (
          <Typography.Text type="secondary">{en ? f.windEn : f.windZh}</Typography.Text>
        ) : null}
      </Flex>
      <Flex gap={6} wrap align="center">
        {w.source && !w.enteredBy ? <Tag>{t(`providers.weather.provider.${w.source}`)}</Tag> : null}
        {w.stale ? <Tag color="orange">{t('boardAdmin.weather.stale')}</Tag> : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {w.enteredBy
            ? t('boardAdmin.weather.enteredBy', {
                name: w.enteredBy,
                at: formatInZone(w.fetchedAt, timeZone),
              })
            : t('boardAdmin.weather.fetchedAt', { at: formatInZone(w.fetchedAt, timeZone) })}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}
