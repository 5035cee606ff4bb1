import { CheckCircleOutlined, HomeOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Result,
  Segmented,
  Select,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { householdsApi, serviceRequestsApi } from '../../../../api/endpoints';
import {
  PRIORITIES,
  type Priority,
  REQUEST_CHANNELS,
  type RequestChannel,
  SERVICE_TEAMS,
} from '../../../../api/enums';
import type { HouseholdSummary, ServiceRequestDetail } from '../../../../api/types';
import { PageHeader } from '../../../../ui/PageHeader';
import { SearchBox } from '../../../../ui/SearchBox';
import { applyFieldErrors } from '../../../forms/fieldErrors';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { useEstate } from '../../../session/useEstate';
import { CareFlagTags } from '../../households/components/CareFlagTags';
import { DueTimes, StatusTag } from '../components/RequestTags';
import { useCatalog } from '../hooks/useRequests';
import { placeOf, priceLabel, serviceName } from '../requestText';

type Where = 'household' | 'public';

interface Values {
  location?: string;
  catalogId?: string;
  priority: Priority;
  channel: RequestChannel;
  description?: string;
}

/** A fresh key per form: a double tap (or a retry after a lost answer) creates one request. */
function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/**
 * 受理请求 (E4): any staff member logs a resident's request in a few taps — find the household,
 * pick the service, priority and channel, describe it. The taker stays answerable until the
 * responsible team accepts.
 */
export function NewRequestPage() {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const notifyError = useNotifyError();
  const { estateId } = useEstate();
  const [form] = Form.useForm<Values>();
  const [idemKey, setIdemKey] = useState(newKey);
  const [where, setWhere] = useState<Where>('household');
  const [q, setQ] = useState('');
  const [household, setHousehold] = useState<HouseholdSummary | null>(null);
  const [householdMissing, setHouseholdMissing] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [created, setCreated] = useState<ServiceRequestDetail | null>(null);
  const catalog = useCatalog(estateId);
  const lang = i18n.language;

  const found = useQuery({
    queryKey: ['households', 'list', { estateId, q, limit: 8 }],
    queryFn: () => householdsApi.list({ estateId, q, limit: 8 }),
    enabled: !!estateId && q.length > 0,
  });

  const catalogOptions = useMemo(
    () =>
      SERVICE_TEAMS.map((team) => ({
        label: t(`enums.teamCode.${team}`),
        title: team,
        options: (catalog.data ?? [])
          .filter((e) => e.team === team && e.active)
          .map((e) => ({
            value: e.id,
            search: `${e.name} ${e.nameEn ?? ''} ${e.code}`,
            label: (
              <Flex justify="space-between" gap={8} align="center">
                <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  {serviceName(e, lang)}
                  {e.visibility === 'internal' ? (
                    <Tag color="purple" style={{ marginInlineStart: 6 }}>
                      {t('requests.internal')}
                    </Tag>
                  ) : null}
                </span>
                <Typography.Text
                  type={e.priceKind === 'free' ? 'success' : 'secondary'}
                  style={{ fontSize: 12 }}
                >
                  {priceLabel(e, t)}
                </Typography.Text>
              </Flex>
            ),
          })),
      })).filter((g) => g.options.length > 0),
    [catalog.data, lang, t],
  );
  const catalogId = Form.useWatch('catalogId', form);
  const entry = catalog.data?.find((e) => e.id === catalogId);

  const reset = () => {
    form.resetFields();
    setHousehold(null);
    setQ('');
    setCreated(null);
    setIdemKey(newKey());
  };

  const submit = async () => {
    if (where === 'household' && !household) setHouseholdMissing(true);
    const v = await form.validateFields();
    if (where === 'household' && !household) return;
    setSubmitting(true);
    try {
      const r = await serviceRequestsApi.create(
        {
          estateId,
          householdId: where === 'household' ? household?.id : undefined,
          location: where === 'public' ? v.location?.trim() : undefined,
          catalogId: v.catalogId ?? '',
          priority: v.priority,
          channel: v.channel,
          description: (v.description ?? '').trim(),
        },
        idemKey,
      );
      setCreated(r);
    } catch (err) {
      if (applyFieldErrors(form, err).length === 0) notifyError(err);
    } finally {
      setSubmitting(false);
    }
  };

  if (created) {
    return (
      <Card data-testid="request-created">
        <Result
          status="success"
          icon={<CheckCircleOutlined />}
          title={t('requests.new.created')}
          subTitle={
            <Typography.Text strong style={{ color: '#d46b08' }} data-testid="first-contact">
              {t('requests.new.firstContact')}
            </Typography.Text>
          }
          style={{ padding: isMobile ? '16px 0' : undefined }}
          extra={
            <Flex vertical={isMobile} gap={8} justify="center">
              <Button
                type="primary"
                size="large"
                icon={<PlusOutlined />}
                onClick={reset}
                data-testid="request-another"
              >
                {t('requests.new.another')}
              </Button>
              <Link to={`/requests/${created.id}`}>
                <Button size="large" block={isMobile} data-testid="request-open">
                  {t('requests.new.open')}
                </Button>
              </Link>
            </Flex>
          }
        />
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('requests.fields.status')}>
            <StatusTag status={created.status} testId="request-status" />
          </Descriptions.Item>
          <Descriptions.Item label={t('requests.fields.place')}>{placeOf(created)}</Descriptions.Item>
          <Descriptions.Item label={t('requests.fields.service')}>
            {serviceName(created, lang)} · {t(`enums.teamCode.${created.team}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('requests.fields.priority')}>
            {t(`enums.priority.${created.priority}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('requests.fields.due')}>
            <Flex vertical>
              <DueTimes request={created} />
            </Flex>
          </Descriptions.Item>
          <Descriptions.Item label={t('requests.fields.description')}>
            {created.description}
          </Descriptions.Item>
        </Descriptions>
      </Card>
    );
  }

  const size = isMobile ? 'large' : 'middle';
  return (
    <div style={{ maxWidth: 720 }}>
      <PageHeader title={t('requests.new.title')} subtitle={t('requests.new.subtitle')} />
      <Card styles={{ body: { padding: isMobile ? 12 : 24 } }}>
        <Form<Values>
          form={form}
          layout="vertical"
          size={size}
          initialValues={{ priority: 'normal', channel: 'phone' }}
          data-testid="request-new"
          requiredMark={false}
        >
          <Form.Item label={t('requests.new.where')} required>
            <Segmented
              block
              value={where}
              onChange={(v) => setWhere(v as Where)}
              options={[
                { value: 'household', label: t('requests.new.forHousehold') },
                { value: 'public', label: t('requests.new.forPublic') },
              ]}
            />
          </Form.Item>
          {where === 'household' ? (
            <Form.Item
              label={t('requests.fields.household')}
              required
              validateStatus={householdMissing && !household ? 'error' : undefined}
              help={householdMissing && !household ? t('requests.new.householdRequired') : undefined}
            >
              {household ? (
                <Card size="small" data-testid="request-household">
                  <Flex justify="space-between" align="center" gap={8}>
                    <div style={{ minWidth: 0 }}>
                      <Typography.Text strong style={{ fontSize: 16 }}>
                        <HomeOutlined /> {household.roomCode}
                      </Typography.Text>
                      <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                        {household.primaryName ?? ''} {household.primaryPhone ?? ''}
                      </Typography.Text>
                      {household.careFlags.length ? (
                        <div style={{ marginTop: 4 }}>
                          <CareFlagTags flags={household.careFlags} />
                        </div>
                      ) : null}
                    </div>
                    <Button onClick={() => setHousehold(null)}>{t('requests.new.change')}</Button>
                  </Flex>
                </Card>
              ) : (
                <>
                  <SearchBox
                    testId="request-household-search"
                    value={q}
                    size={size}
                    onSearch={setQ}
                    placeholder={t('requests.new.householdSearch')}
                  />
                  {q ? (
                    <Spin spinning={found.isFetching}>
                      {found.isError ? (
                        <Alert type="error" showIcon title={found.error.message} style={{ marginTop: 8 }} />
                      ) : (
                        <List
                          size="small"
                          style={{ marginTop: 8 }}
                          bordered
                          dataSource={found.data?.items ?? []}
                          locale={{ emptyText: <Empty description={t('requests.new.noHousehold', { q })} /> }}
                          renderItem={(h) => (
                            <List.Item
                              key={h.id}
                              onClick={() => {
                                setHousehold(h);
                                setHouseholdMissing(false);
                              }}
                              style={{ cursor: 'pointer', minHeight: 48 }}
                              data-testid={`household-option-${h.id}`}
                            >
                              <Flex gap={8} align="center" wrap style={{ width: '100%' }}>
                                <Typography.Text strong>{h.roomCode}</Typography.Text>
                                <Typography.Text type="secondary">{h.primaryName ?? '—'}</Typography.Text>
                                <Typography.Text
                                  type="secondary"
                                  style={{ fontVariantNumeric: 'tabular-nums' }}
                                >
                                  {h.primaryPhone ?? ''}
                                </Typography.Text>
                                {h.careFlags.length ? (
                                  <Tag color="magenta" style={{ marginInlineEnd: 0 }}>
                                    {t('requests.care')}
                                  </Tag>
                                ) : null}
                              </Flex>
                            </List.Item>
                          )}
                        />
                      )}
                    </Spin>
                  ) : null}
                </>
              )}
            </Form.Item>
          ) : (
            <Form.Item
              name="location"
              label={t('requests.fields.location')}
              rules={[
                { required: true, whitespace: true, message: t('requests.new.locationRequired') },
                { max: 200 },
              ]}
            >
              <Input
                maxLength={200}
                placeholder={t('requests.new.locationPlaceholder')}
                data-testid="request-location"
              />
            </Form.Item>
          )}
          <Form.Item
            name="catalogId"
            label={t('requests.fields.service')}
            rules={[{ required: true, message: t('requests.new.serviceRequired') }]}
            extra={
              entry ? (
                <span data-testid="request-catalog-info">
                  {t(`enums.teamCode.${entry.team}`)} · {priceLabel(entry, t)}
                  {entry.visibility === 'internal' ? ` · ${t('requests.internalHint')}` : ''}
                  {(lang === 'en' ? entry.descriptionEn : entry.description)
                    ? ` · ${lang === 'en' ? entry.descriptionEn : entry.description}`
                    : ''}
                </span>
              ) : undefined
            }
          >
            <Select
              data-testid="request-catalog"
              showSearch={{
                filterOption: (input, option) =>
                  String((option as { search?: string } | undefined)?.search ?? '')
                    .toLowerCase()
                    .includes(input.toLowerCase()),
              }}
              loading={catalog.isPending}
              placeholder={t('requests.new.servicePlaceholder')}
              options={catalogOptions}
              listHeight={isMobile ? 320 : 400}
            />
          </Form.Item>
          <Form.Item name="priority" label={t('requests.fields.priority')}>
            <Segmented
              block
              data-testid="request-priority"
              options={PRIORITIES.map((p) => ({ value: p, label: t(`enums.priority.${p}`) }))}
            />
          </Form.Item>
          <Form.Item name="channel" label={t('requests.fields.channel')}>
            <Select
              data-testid="request-channel"
              options={REQUEST_CHANNELS.map((c) => ({ value: c, label: t(`enums.requestChannel.${c}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('requests.fields.description')}
            rules={[
              { required: true, whitespace: true, message: t('requests.new.descriptionRequired') },
              { max: 2000 },
            ]}
          >
            <Input.TextArea
              rows={3}
              maxLength={2000}
              placeholder={t('requests.new.descriptionPlaceholder')}
              data-testid="request-description"
            />
          </Form.Item>
          <Button
            type="primary"
            size="large"
            block
            icon={<SendOutlined />}
            loading={submitting}
            onClick={submit}
            data-testid="request-submit"
            style={{ minHeight: 48 }}
          >
            {t('requests.new.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
