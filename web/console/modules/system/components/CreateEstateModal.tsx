import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Form, Input, Modal, Result, Row, Select, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client';
import { estatesApi } from '../../../../api/endpoints';
import type { Estate } from '../../../../api/types';
import { estateName } from '../../../../ui/format';
import { applyFieldErrors } from '../../../forms/fieldErrors';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { ME_QUERY_KEY } from '../../../session/useCurrentUser';
import { useEstate } from '../../../session/useEstate';

interface EstateForm {
  code: string;
  name: string;
  nameEn?: string;
  city: string;
  timeZone: string;
  address?: string;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
/** contract/estates.ts CreateEstateBody.code */
const CODE_PATTERN = /^[a-z][a-z0-9-]{1,31}$/;

/** IANA time zones the browser knows, the default first. */
function timeZones(): string[] {
  let all: string[] = [];
  try {
    all = Intl.supportedValuesOf('timeZone');
  } catch {
    // older browsers: the default (and whatever is typed) only
  }
  return [DEFAULT_TIME_ZONE, ...all.filter((z) => z !== DEFAULT_TIME_ZONE)];
}

/** 新建项目 (head office): code, names, city, time zone, address. The estate joins the header's switcher. */
export function CreateEstateModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  /** Called once the estate exists and the user's estates are refetched. */
  onCreated: (estate: Estate) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const { estateId, setEstateId } = useEstate();
  const [form] = Form.useForm<EstateForm>();
  const zones = useMemo(() => timeZones().map((z) => ({ value: z, label: z })), []);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
  }, [open, form]);

  const save = useMutation({
    mutationFn: (v: EstateForm) =>
      estatesApi.create({
        code: v.code.trim(),
        name: v.name.trim(),
        nameEn: v.nameEn?.trim() || null,
        city: v.city.trim(),
        timeZone: v.timeZone || DEFAULT_TIME_ZONE,
        address: v.address?.trim() || null,
      }),
    onSuccess: async (estate) => {
      message.success(t('estates.created', { name: estateName(estate, i18n.language) }));
      // Keep working in the current estate: with no remembered choice the console would fall back
      // to the first estate in code order, which may now be the new one.
      if (estateId) setEstateId(estateId);
      void queryClient.invalidateQueries({ queryKey: ['estates'], exact: true });
      // The header's switcher lists the user's estates from /auth/me: wait for it before going on.
      await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
      onCreated(estate);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'ESTATE_CODE_TAKEN') {
        form.setFields([{ name: 'code', errors: [err.message] }]);
      } else if (err instanceof ApiError && err.code === 'INVALID_TIME_ZONE') {
        form.setFields([{ name: 'timeZone', errors: [err.message] }]);
      } else {
        applyFieldErrors(form, err);
      }
      notifyError(err);
    },
  });

  return (
    <Modal
      title={t('estates.createTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      okButtonProps={{ 'data-testid': 'estate-create-ok' }}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<EstateForm>
        form={form}
        layout="vertical"
        name="estate"
        initialValues={{ timeZone: DEFAULT_TIME_ZONE }}
        onFinish={(v) => save.mutate(v)}
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="name"
              label={t('estates.name')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 60 }]}
            >
              <Input data-testid="estate-name" placeholder={t('estates.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="nameEn" label={t('estates.nameEn')} rules={[{ max: 80 }]}>
              <Input data-testid="estate-name-en" placeholder="Lakeside Garden" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="code"
              label={t('estates.code')}
              extra={t('estates.codeHint')}
              normalize={(v?: string) => (v ?? '').toLowerCase().replace(/\s+/g, '')}
              rules={[
                { required: true, message: t('validation.required') },
                { pattern: CODE_PATTERN, message: t('estates.codeRule') },
              ]}
            >
              <Input data-testid="estate-code" placeholder="lakeside" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="city"
              label={t('estates.city')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 30 }]}
            >
              <Input data-testid="estate-city" placeholder={t('estates.cityPlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="timeZone"
              label={t('estates.timeZone')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Select
                data-testid="estate-time-zone"
                options={zones}
                showSearch={{ optionFilterProp: 'label' }}
                virtual
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={t('estates.address')} rules={[{ max: 200 }]}>
              <Input.TextArea data-testid="estate-address" autoSize={{ minRows: 1, maxRows: 3 }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

/** Shown after 新建项目: the estate is in the switcher; next, import the roster creating the rooms. */
export function EstateCreatedModal({
  estate,
  onClose,
  onSwitchAndImport,
}: {
  estate: Estate | null;
  onClose: () => void;
  /** Switches the console to the new estate and opens 导入导出. */
  onSwitchAndImport: (estate: Estate) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Modal open={estate !== null} onCancel={onClose} footer={null} destroyOnHidden width={560}>
      {estate ? (
        <Result
          status="success"
          style={{ padding: '16px 0 8px' }}
          title={t('estates.createdTitle', { name: estateName(estate, i18n.language) })}
          subTitle={
            <div data-testid="estate-created-next" style={{ textAlign: 'start' }}>
              <Typography.Paragraph style={{ marginBottom: 8 }}>
                {t('estates.createdInSwitcher')}
              </Typography.Paragraph>
              <Typography.Paragraph style={{ marginBottom: 0 }}>
                <Trans
                  i18nKey="estates.nextStep"
                  values={{ page: t('nav.importExport'), option: t('importExport.createRooms') }}
                  components={{ b: <Typography.Text strong /> }}
                />
              </Typography.Paragraph>
            </div>
          }
          extra={[
            <Button key="close" onClick={onClose} data-testid="estate-created-close">
              {t('estates.later')}
            </Button>,
            <Button
              key="import"
              type="primary"
              data-testid="estate-created-import"
              onClick={() => onSwitchAndImport(estate)}
            >
              {t('estates.switchAndImport')}
            </Button>,
          ]}
        />
      ) : null}
    </Modal>
  );
}
