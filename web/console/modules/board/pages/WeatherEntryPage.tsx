import { CheckOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, InputNumber, Segmented, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { boardAdminApi } from '../../../../api/messaging';
import { addDays, todayIn } from '../../../../ui/format';
import { PageHeader } from '../../../../ui/PageHeader';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { useEstateZone } from '../../messaging/hooks/useMessaging';
import { WeatherSummary } from '../components/WeatherSummary';
import { boardKeys, useWeather } from '../hooks/useBoardAdmin';
import { CONDITIONS, WIND_DIRECTIONS, WIND_FORCES, windText } from '../weatherChoices';

interface Values {
  condition: number;
  tempMin: number;
  tempMax: number;
  rain?: number | null;
  windDir?: number;
  windForce?: string;
}

/**
 * 录入天气 (guards at the post, weather.enter): today's or tomorrow's forecast by hand, on a phone —
 * large choices instead of typing; it wins over the provider on the boards.
 */
export function WeatherEntryPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const { estateId, timeZone } = useEstateZone();
  const today = todayIn(timeZone);
  const [day, setDay] = useState<'today' | 'tomorrow'>('today');
  const date = day === 'today' ? today : addDays(today, 1);
  const current = useWeather(estateId, date);
  const [form] = Form.useForm<Values>();
  const en = i18n.language === 'en';

  // Start from what the board shows now for that date, so a correction is one tap.
  useEffect(() => {
    const f = current.data?.forecast;
    form.resetFields();
    if (!f) return;
    const c = CONDITIONS.findIndex((x) => x.zh === f.conditionZh);
    form.setFieldsValue({
      condition: c >= 0 ? c : undefined,
      tempMin: Math.round(f.tempMin),
      tempMax: Math.round(f.tempMax),
      rain: f.precipitationChance,
    });
  }, [current.data, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const c = CONDITIONS[v.condition]!;
      const wind = windText(v.windDir, v.windForce);
      return boardAdminApi.enterWeather(estateId, date, {
        conditionZh: c.zh,
        conditionEn: c.en,
        icon: c.icon,
        tempMin: v.tempMin,
        tempMax: v.tempMax,
        precipitationChance: v.rain ?? null,
        windZh: wind?.zh ?? null,
        windEn: wind?.en ?? null,
      });
    },
    onSuccess: (w) => {
      message.success(t('boardAdmin.weather.saved'));
      qc.setQueryData(boardKeys.weather(estateId, date), w);
    },
    onError: notifyError,
  });

  const big = { size: 'large' as const, style: { width: '100%' } };
  return (
    <div style={{ maxWidth: 480 }} data-testid="weather-entry">
      <PageHeader title={t('boardAdmin.weather.entryTitle')} subtitle={t('boardAdmin.weather.entryHelp')} />
      <Segmented
        block
        size="large"
        value={day}
        onChange={(v) => setDay(v as 'today' | 'tomorrow')}
        options={[
          { value: 'today', label: t('boardAdmin.weather.todayWithDate', { date: today.slice(5) }) },
          {
            value: 'tomorrow',
            label: t('boardAdmin.weather.tomorrowWithDate', { date: addDays(today, 1).slice(5) }),
          },
        ]}
        style={{ marginBottom: 12 }}
        data-testid="weather-day"
      />
      <Card size="small" style={{ marginBottom: 12 }} title={t('boardAdmin.weather.nowShown')}>
        {current.data ? <WeatherSummary weather={current.data} timeZone={timeZone} /> : null}
        {current.isError ? <Alert type="error" title={current.error.message} /> : null}
      </Card>
      <Card size="small">
        <Form<Values>
          form={form}
          layout="vertical"
          name="weather"
          onFinish={(v) => save.mutate(v)}
          requiredMark={false}
        >
          <Form.Item
            name="condition"
            label={t('boardAdmin.weather.condition')}
            rules={[{ required: true, message: t('boardAdmin.weather.conditionRequired') }]}
          >
            <ConditionPicker en={en} />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item
              name="tempMin"
              label={t('boardAdmin.weather.tempMin')}
              style={{ flex: 1 }}
              rules={[{ required: true, message: t('boardAdmin.weather.tempRequired') }]}
            >
              <InputNumber
                {...big}
                min={-60}
                max={60}
                suffix="°C"
                inputMode="numeric"
                data-testid="weather-min"
              />
            </Form.Item>
            <Form.Item
              name="tempMax"
              label={t('boardAdmin.weather.tempMax')}
              style={{ flex: 1 }}
              dependencies={['tempMin']}
              rules={[
                { required: true, message: t('boardAdmin.weather.tempRequired') },
                ({ getFieldValue }) => ({
                  validator: (_, v) =>
                    v === undefined ||
                    v === null ||
                    getFieldValue('tempMin') === undefined ||
                    v >= getFieldValue('tempMin')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('boardAdmin.weather.tempOrder'))),
                }),
              ]}
            >
              <InputNumber
                {...big}
                min={-60}
                max={60}
                suffix="°C"
                inputMode="numeric"
                data-testid="weather-max"
              />
            </Form.Item>
          </Flex>
          <Form.Item name="rain" label={t('boardAdmin.weather.rainChance')}>
            <InputNumber {...big} min={0} max={100} suffix="%" inputMode="numeric" />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item name="windDir" label={t('boardAdmin.weather.windDir')} style={{ flex: 1 }}>
              <Select
                size="large"
                allowClear
                options={WIND_DIRECTIONS.map((d, i) => ({ value: i, label: en ? d.en : d.zh }))}
              />
            </Form.Item>
            <Form.Item name="windForce" label={t('boardAdmin.weather.windForce')} style={{ flex: 1 }}>
              <Select
                size="large"
                allowClear
                options={WIND_FORCES.map((f) => ({ value: f, label: t('boardAdmin.weather.force', { f }) }))}
              />
            </Form.Item>
          </Flex>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={save.isPending}
            data-testid="weather-save"
          >
            {t('boardAdmin.weather.save')}
          </Button>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
            {t('boardAdmin.weather.winsOverProvider')}
          </Typography.Paragraph>
        </Form>
      </Card>
    </div>
  );
}

/** The conditions as large buttons (one tap on a phone); a Form control (value = index). */
function ConditionPicker({
  value,
  onChange,
  en,
}: {
  value?: number;
  onChange?: (v: number) => void;
  en: boolean;
}) {
  return (
    <Flex wrap gap={8} data-testid="weather-conditions">
      {CONDITIONS.map((c, i) => (
        <Button
          key={c.icon}
          size="large"
          autoInsertSpace={false}
          type={value === i ? 'primary' : 'default'}
          icon={value === i ? <CheckOutlined /> : undefined}
          onClick={() => onChange?.(i)}
          style={{ minWidth: 88 }}
        >
          {en ? c.en : c.zh}
        </Button>
      ))}
    </Flex>
  );
}
