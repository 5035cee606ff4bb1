import {
  AutoComplete,
  Button,
  Checkbox,
  Divider,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Switch,
  Typography,
} from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client';
import { SERVICE_TEAMS } from '../../../../api/enums';
import { useIsMobile } from '../../../hooks/useIsMobile';
import type { CatalogEntry } from '../catalogApi';
import { CATEGORY_CODES, type CatalogFormValues, PRIORITY_KEYS, toFormValues } from '../catalogForm';

/** Maps a server 400/409 (details.field or issues) onto the form's fields. */
export function fieldErrors(err: unknown): { name: (string | number)[]; errors: string[] }[] {
  if (!(err instanceof ApiError)) return [];
  const d = err.details as { field?: string } | undefined;
  const map: Record<string, string> = { priceFen: 'priceYuan' };
  if (d?.field) return [{ name: [map[d.field] ?? d.field], errors: [err.message] }];
  return err.issues.map((i) => ({
    name: i.path.map((p) => (typeof p === 'string' ? (map[p] ?? p) : p)),
    errors: [i.message],
  }));
}

/**
 * The form of one catalog entry (新增 / 编辑服务项目): who does it, who may see it (residents, or
 * internal — 不对外), the price in yuan (stored in fen), free rules, targets by priority, the
 * supervision card and the revisit policy.
 */
export function CatalogDrawer({
  open,
  entry,
  saving,
  onSave,
  onClose,
  error,
}: {
  open: boolean;
  entry: CatalogEntry | null;
  saving: boolean;
  onSave: (v: CatalogFormValues) => void;
  onClose: () => void;
  error: unknown;
}) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<CatalogFormValues>();
  const priceKind = Form.useWatch('priceKind', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(toFormValues(entry));
  }, [open, entry, form]);

  useEffect(() => {
    const fields = fieldErrors(error);
    if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
  }, [error, form]);

  const minutes = { min: 1, max: 60 * 24 * 30, style: { width: '100%' } };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={entry ? t('catalog.editTitle', { name: entry.name }) : t('catalog.newTitle')}
      size={isMobile ? '100%' : 640}
      destroyOnHidden
      extra={
        <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="catalog-save">
          {t('common.save')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" onFinish={onSave} requiredMark={false}>
        <Flex gap={12} wrap>
          <Form.Item
            name="name"
            label={t('catalog.field.name')}
            rules={[{ required: true, whitespace: true, message: t('catalog.required') }]}
            style={{ flex: 2, minWidth: 200 }}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="code"
            label={t('catalog.field.code')}
            rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]+$/, message: t('catalog.codeRule') }]}
            style={{ flex: 1, minWidth: 140 }}
            extra={entry ? t('catalog.codeFixed') : undefined}
          >
            <Input maxLength={64} disabled={!!entry} placeholder="T8.faucet" />
          </Form.Item>
        </Flex>
        <Form.Item name="nameEn" label={t('catalog.field.nameEn')}>
          <Input maxLength={100} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="team" label={t('catalog.field.team')} style={{ flex: 1, minWidth: 140 }}>
            <Select options={SERVICE_TEAMS.map((c) => ({ value: c, label: t(`enums.teamCode.${c}`) }))} />
          </Form.Item>
          <Form.Item
            name="category"
            label={t('catalog.field.category')}
            rules={[{ required: true, whitespace: true, message: t('catalog.required') }]}
            style={{ flex: 1, minWidth: 140 }}
            extra={t('catalog.categoryHint')}
          >
            <AutoComplete
              options={CATEGORY_CODES.map((c) => ({
                value: c,
                label: `${t(`catalog.category.${c}`)} (${c})`,
              }))}
              filterOption={(input, o) =>
                String(o?.label ?? '')
                  .toLowerCase()
                  .includes(input.toLowerCase())
              }
            />
          </Form.Item>
        </Flex>
        <Form.Item name="visibility" label={t('catalog.field.visibility')} extra={t('catalog.internalHint')}>
          <Radio.Group
            options={[
              { value: 'residents', label: t('catalog.visibility.residents') },
              { value: 'internal', label: t('catalog.visibility.internal') },
            ]}
          />
        </Form.Item>
        <Form.Item name="description" label={t('catalog.field.description')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>

        <Divider titlePlacement="start">{t('catalog.section.price')}</Divider>
        <Form.Item name="priceKind" label={t('catalog.field.priceKind')}>
          <Radio.Group
            optionType="button"
            options={(['free', 'fixed', 'quote'] as const).map((k) => ({
              value: k,
              label: t(`enums.priceKind.${k}`),
            }))}
          />
        </Form.Item>
        {priceKind === 'fixed' ? (
          <Form.Item
            name="priceYuan"
            label={t('catalog.field.priceYuan')}
            rules={[{ required: true, message: t('catalog.priceRequired') }]}
          >
            <InputNumber min={0} max={100000} precision={2} prefix="¥" style={{ width: 180 }} />
          </Form.Item>
        ) : null}
        {priceKind !== 'free' ? (
          <>
            <Typography.Text type="secondary">{t('catalog.freeRulesHint')}</Typography.Text>
            <Flex gap={16} wrap align="center" style={{ marginTop: 8 }}>
              <Form.Item name="freeUrgent" valuePropName="checked" noStyle>
                <Checkbox>{t('catalog.free.urgent')}</Checkbox>
              </Form.Item>
              <Form.Item name="freeNight" valuePropName="checked" noStyle>
                <Checkbox>{t('catalog.free.night')}</Checkbox>
              </Form.Item>
              <Form.Item
                name="freeMaxMaterialYuan"
                label={t('catalog.free.maxMaterial')}
                style={{ marginBottom: 0 }}
              >
                <InputNumber min={0} max={100000} precision={2} prefix="¥" style={{ width: 140 }} />
              </Form.Item>
            </Flex>
          </>
        ) : null}

        <Divider titlePlacement="start">{t('catalog.section.targets')}</Divider>
        {PRIORITY_KEYS.map((p) => (
          <Flex key={p} gap={8} align="center" wrap>
            <Typography.Text style={{ width: 48 }}>{t(`enums.priority.${p}`)}</Typography.Text>
            <Form.Item
              name={['targets', p, 'responseMinutes']}
              label={t('catalog.field.response')}
              rules={[{ required: true, message: t('catalog.required') }]}
              style={{ flex: 1, minWidth: 120 }}
            >
              <InputNumber {...minutes} suffix={t('catalog.minutes')} />
            </Form.Item>
            <Form.Item
              name={['targets', p, 'completionMinutes']}
              label={t('catalog.field.completion')}
              rules={[{ required: true, message: t('catalog.required') }]}
              style={{ flex: 1, minWidth: 120 }}
            >
              <InputNumber {...minutes} suffix={t('catalog.minutes')} />
            </Form.Item>
          </Flex>
        ))}

        <Divider titlePlacement="start">{t('catalog.section.followUp')}</Divider>
        <Form.Item name="supervisionCard" label={t('catalog.field.supervisionCard')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            name="revisitAfterDays"
            label={t('catalog.field.revisitAfterDays')}
            extra={t('catalog.revisitHint')}
            style={{ flex: 1, minWidth: 160 }}
          >
            <InputNumber min={1} max={365} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="lowScoreThreshold"
            label={t('catalog.field.lowScore')}
            style={{ flex: 1, minWidth: 160 }}
          >
            <InputNumber min={1} max={5} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
      </Form>
    </Drawer>
  );
}
