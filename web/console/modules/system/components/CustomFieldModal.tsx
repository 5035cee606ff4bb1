import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { estatesApi } from '../../../../api/endpoints';
import { CUSTOM_FIELD_TYPES } from '../../../../api/enums';
import type { CustomFieldDef } from '../../../../api/types';
import { applyFieldErrors } from '../../../forms/fieldErrors';
import { useNotifyError } from '../../../hooks/useNotifyError';

interface FieldForm {
  key: string;
  label: string;
  labelEn?: string;
  type: CustomFieldDef['type'];
  options: string[];
  sort: number;
}

/** Creates a custom household field, or edits one (key and type are fixed once created). */
export function CustomFieldModal({
  estateId,
  open,
  field,
  onClose,
}: {
  estateId: string;
  open: boolean;
  field: CustomFieldDef | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FieldForm>();
  const type = Form.useWatch('type', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      field
        ? {
            key: field.key,
            label: field.label,
            labelEn: field.labelEn ?? '',
            type: field.type,
            options: field.options,
            sort: field.sort,
          }
        : { type: 'text', options: [], sort: 0 },
    );
  }, [open, field, form]);

  const save = useMutation({
    mutationFn: (v: FieldForm) => {
      const common = {
        label: v.label.trim(),
        labelEn: v.labelEn?.trim() || null,
        options: v.type === 'select' ? v.options.map((o) => o.trim()).filter(Boolean) : [],
        sort: v.sort ?? 0,
      };
      return field
        ? estatesApi.updateCustomField(estateId, field.id, common)
        : estatesApi.createCustomField(estateId, { key: v.key.trim(), type: v.type, ...common });
    },
    onSuccess: () => {
      message.success(t('common.saved'));
      void queryClient.invalidateQueries({ queryKey: ['estates', estateId, 'custom-fields'] });
      onClose();
    },
    onError: (err) => {
      applyFieldErrors(form, err);
      notifyError(err);
    },
  });

  return (
    <Modal
      title={field ? t('customFields.editTitle') : t('customFields.createTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={field ? t('common.save') : t('common.create')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<FieldForm> form={form} layout="vertical" name="custom-field" onFinish={(v) => save.mutate(v)}>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="key"
              label={t('customFields.key')}
              extra={field ? undefined : t('customFields.keyHint')}
              rules={[
                { required: true, message: t('validation.required') },
                { pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('customFields.keyRule') },
              ]}
            >
              <Input disabled={!!field} placeholder="parking_no" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="type" label={t('customFields.type')} rules={[{ required: true }]}>
              <Select
                disabled={!!field}
                options={CUSTOM_FIELD_TYPES.map((x) => ({ value: x, label: t(`enums.fieldType.${x}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="label"
              label={t('customFields.label')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 40 }]}
            >
              <Input placeholder={t('customFields.labelPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="labelEn" label={t('customFields.labelEn')} rules={[{ max: 60 }]}>
              <Input placeholder="Parking space" />
            </Form.Item>
          </Col>
          {type === 'select' ? (
            <Col span={24}>
              <Form.Item
                name="options"
                label={t('customFields.options')}
                extra={t('customFields.optionsHint')}
                rules={[
                  { required: true, type: 'array', min: 1, message: t('customFields.optionsRequired') },
                ]}
              >
                <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} sm={12}>
            <Form.Item name="sort" label={t('customFields.sort')}>
              <InputNumber min={0} max={1000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
