import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Input, InputNumber, Modal, Radio, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { serviceRequestsApi } from '../../../../api/endpoints';
import type { CatalogEntry, ChargeInput, ServiceRequest } from '../../../../api/types';
import { attachmentKeys } from '../../../components/attachments/attachmentsApi';
import { PhotoUploader } from '../../../components/attachments/PhotoUploader';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useCatalog, useRequestAction } from '../hooks/useRequests';
import { formatFen, freeRuleText, priceLabel, yuanToFen } from '../requestText';

type ChargeMode = 'auto' | 'free' | 'charged';

interface Values {
  notes?: string;
  materials?: { name?: string; quantity?: number | null; costYuan?: number | null }[];
  minutesSpent?: number | null;
  chargeMode: ChargeMode;
  freeReason?: string;
  amountYuan?: number | null;
}

/** What the charge mode starts as: by the catalog unless the entry needs a quote. */
function initialMode(entry: CatalogEntry | undefined): ChargeMode {
  return entry?.priceKind === 'quote' && !entry.freeRules ? 'charged' : 'auto';
}

/**
 * 完工: notes, materials (cost in yuan, sent in fen), minutes spent, and the charge — by the
 * catalog (a free entry or a matching free rule makes it free on its own), free with a reason, or
 * a charged amount.
 */
export function CompleteModal({ request, onClose }: { request: ServiceRequest | null; onClose: () => void }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const catalog = useCatalog(request?.estateId ?? '');
  const entry = catalog.data?.find((e) => e.id === request?.catalogId);
  const { act, pending } = useRequestAction();
  const qc = useQueryClient();
  const mode = Form.useWatch('chargeMode', form);
  const materials = Form.useWatch('materials', form);
  const materialFen = useMemo(
    () => (materials ?? []).reduce((s, m) => s + (yuanToFen(m?.costYuan) ?? 0), 0),
    [materials],
  );

  useEffect(() => {
    if (request) form.setFieldsValue({ chargeMode: initialMode(entry) });
  }, [request, entry, form]);

  const save = async () => {
    if (!request) return;
    const v = await form.validateFields();
    let charge: ChargeInput | undefined;
    if (v.chargeMode === 'free') charge = { kind: 'free', reason: (v.freeReason ?? '').trim() };
    if (v.chargeMode === 'charged') charge = { kind: 'charged', amountFen: yuanToFen(v.amountYuan) ?? 0 };
    const r = await act(
      () =>
        serviceRequestsApi.complete(request.id, {
          notes: (v.notes ?? '').trim(),
          materials: (v.materials ?? [])
            .filter((m) => m?.name?.trim())
            .map((m) => ({
              name: (m.name ?? '').trim(),
              quantity: m.quantity ?? 1,
              costFen: yuanToFen(m.costYuan) ?? 0,
            })),
          minutesSpent: v.minutesSpent ?? 0,
          charge,
          version: request.version,
        }),
      t('requests.complete.done'),
    );
    if (r) {
      void qc.invalidateQueries({ queryKey: attachmentKeys.all }); // photos are now closed for changes
      onClose();
    }
  };

  const rule = entry ? freeRuleText(entry, t) : null;
  const autoText =
    entry?.priceKind === 'free'
      ? t('requests.complete.autoFree')
      : entry?.priceKind === 'fixed'
        ? t('requests.complete.autoFixed', { price: priceLabel(entry, t) })
        : t('requests.complete.autoQuote');

  return (
    <Modal
      open={!!request}
      title={t('requests.complete.title')}
      onCancel={onClose}
      onOk={save}
      okText={t('requests.complete.save')}
      okButtonProps={{
        loading: pending,
        size: isMobile ? 'large' : undefined,
        'data-testid': 'complete-save',
      }}
      cancelButtonProps={{ size: isMobile ? 'large' : undefined }}
      destroyOnHidden
      width={isMobile ? '100%' : 600}
      style={isMobile ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined}
    >
      {entry ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('requests.complete.priceRule', { price: priceLabel(entry, t) })}
          description={
            <>
              {entry.priceKind === 'free' ? <div>{t('requests.complete.freeEntry')}</div> : null}
              {rule ? <div>{t('requests.complete.freeRuleApplies', { rule })}</div> : null}
            </>
          }
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ chargeMode: initialMode(entry), materials: [] }}
        data-testid="complete-form"
      >
        <Form.Item name="notes" label={t('requests.complete.notes')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="complete-notes" />
        </Form.Item>
        {request ? (
          <Form.Item label={t('attachments.title')} extra={t('attachments.completeHint')}>
            <PhotoUploader ownerKind="service_request" ownerId={request.id} big={isMobile} />
          </Form.Item>
        ) : null}
        <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
          {t('requests.complete.materials')}
        </Typography.Text>
        <Form.List name="materials">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8} style={{ marginBottom: 16 }}>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={6} align="flex-start" wrap={isMobile} data-testid={`material-${i}`}>
                  <Form.Item
                    name={[f.name, 'name']}
                    rules={[
                      { required: true, whitespace: true, message: t('requests.complete.materialName') },
                    ]}
                    style={{ flex: isMobile ? '1 1 100%' : 2, marginBottom: 0 }}
                  >
                    <Input
                      placeholder={t('requests.complete.materialName')}
                      data-testid={`material-name-${i}`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'quantity']}
                    initialValue={1}
                    style={{ flex: 1, marginBottom: 0 }}
                  >
                    <InputNumber
                      min={0.01}
                      max={10000}
                      style={{ width: '100%' }}
                      placeholder={t('requests.complete.quantity')}
                      prefix="×"
                      data-testid={`material-qty-${i}`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'costYuan']}
                    rules={[{ required: true, message: t('requests.complete.costRequired') }]}
                    style={{ flex: 1, marginBottom: 0 }}
                  >
                    <InputNumber
                      min={0}
                      max={100000}
                      step={0.5}
                      precision={2}
                      prefix="¥"
                      style={{ width: '100%' }}
                      placeholder={t('requests.complete.cost')}
                      inputMode="decimal"
                      data-testid={`material-cost-${i}`}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    onClick={() => remove(f.name)}
                    aria-label={t('common.delete')}
                  />
                </Flex>
              ))}
              <Flex justify="space-between" align="center" wrap gap={8}>
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ quantity: 1 })}
                  data-testid="material-add"
                >
                  {t('requests.complete.addMaterial')}
                </Button>
                {fields.length ? (
                  <Typography.Text type="secondary">
                    {t('requests.complete.materialTotal', { amount: formatFen(materialFen) })}
                  </Typography.Text>
                ) : null}
              </Flex>
            </Flex>
          )}
        </Form.List>
        <Form.Item
          name="minutesSpent"
          label={t('requests.complete.minutes')}
          rules={[{ required: true, message: t('requests.complete.minutesRequired') }]}
        >
          <InputNumber
            min={0}
            max={24 * 60 * 7}
            precision={0}
            style={{ width: '100%' }}
            suffix={t('requests.complete.minuteUnit')}
            inputMode="numeric"
            data-testid="complete-minutes"
          />
        </Form.Item>
        <Form.Item name="chargeMode" label={t('requests.complete.charge')}>
          <Radio.Group data-testid="complete-charge">
            <Flex vertical gap={6}>
              <Radio value="auto" disabled={entry?.priceKind === 'quote' && !rule}>
                {t('requests.complete.chargeAuto')}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {autoText}
                </Typography.Text>
              </Radio>
              <Radio value="free">{t('requests.complete.chargeFree')}</Radio>
              <Radio value="charged">{t('requests.complete.chargeCharged')}</Radio>
            </Flex>
          </Radio.Group>
        </Form.Item>
        {mode === 'free' ? (
          <Form.Item
            name="freeReason"
            label={t('requests.complete.freeReason')}
            rules={[
              { required: true, whitespace: true, message: t('requests.complete.freeReasonRequired') },
              { max: 200 },
            ]}
          >
            <Input maxLength={200} data-testid="complete-free-reason" />
          </Form.Item>
        ) : null}
        {mode === 'charged' ? (
          <Form.Item
            name="amountYuan"
            label={t('requests.complete.amount')}
            extra={entry?.priceKind === 'free' || rule ? t('requests.complete.mayBeFree') : undefined}
            rules={[{ required: true, message: t('requests.complete.amountRequired') }]}
          >
            <InputNumber
              min={0}
              max={100000}
              precision={2}
              prefix="¥"
              style={{ width: '100%' }}
              inputMode="decimal"
              data-testid="complete-amount"
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
