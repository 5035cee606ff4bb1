import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Divider, Form, Input, Modal, Row, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { accountsApi } from '../../../../api/endpoints';
import { PASSWORD_MIN, ROLES, type Role } from '../../../../api/enums';
import type { Account } from '../../../../api/types';
import { estateName } from '../../../../ui/format';
import { applyFieldErrors } from '../../../forms/fieldErrors';
import { useEstates } from '../../../hooks/useEstates';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { TeamSelect } from './TeamSelect';

interface AccountForm {
  username?: string;
  phone?: string;
  displayName: string;
  role: Role;
  password?: string;
  estates: { estateId: string; teamId?: string | null; position?: string | null }[];
}

/** Creates a staff account, or edits one (name, role, estates) when `account` is given. */
export function AccountFormModal({
  open,
  account,
  onClose,
}: {
  open: boolean;
  account: Account | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const estates = useEstates();
  const [form] = Form.useForm<AccountForm>();
  const rows = (Form.useWatch('estates', form) ?? []) as AccountForm['estates'];
  const editing = account !== null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the dialog opens, never while it is open
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (account) {
      form.setFieldsValue({
        displayName: account.displayName,
        role: account.role,
        estates: account.estates.map((e) => ({
          estateId: e.estateId,
          teamId: e.teamId,
          position: e.position,
        })),
      });
    } else {
      form.setFieldsValue({
        role: 'butler',
        estates: estates.data?.[0] ? [{ estateId: estates.data[0].id }] : [],
      });
    }
  }, [open]);

  const save = useMutation({
    mutationFn: (v: AccountForm) => {
      const list = (v.estates ?? [])
        .filter((e) => e?.estateId)
        .map((e) => ({
          estateId: e.estateId,
          teamId: e.teamId ?? null,
          position: e.position?.trim() || null,
        }));
      if (account) {
        return accountsApi.update(account.id, {
          version: account.version,
          displayName: v.displayName.trim(),
          role: v.role,
          estates: list,
        });
      }
      return accountsApi.create({
        ...(v.username?.trim() ? { username: v.username.trim() } : {}),
        ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
        displayName: v.displayName.trim(),
        role: v.role,
        password: v.password ?? '',
        estates: list,
      });
    },
    onSuccess: () => {
      message.success(editing ? t('accounts.updated') : t('accounts.created'));
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      onClose();
    },
    onError: (err) => {
      applyFieldErrors(form, err);
      notifyError(err);
    },
  });

  return (
    <Modal
      title={editing ? t('accounts.editTitle', { name: account?.displayName }) : t('accounts.createTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={editing ? t('common.save') : t('common.create')}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<AccountForm> form={form} layout="vertical" name="account" onFinish={(v) => save.mutate(v)}>
        <Row gutter={12}>
          {editing ? null : (
            <>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="username"
                  label={t('accounts.username')}
                  rules={[
                    { pattern: /^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, message: t('validation.username') },
                    ({ getFieldValue }) => ({
                      validator: (_, v) =>
                        v || getFieldValue('phone')
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('accounts.usernameOrPhone'))),
                    }),
                  ]}
                >
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="phone"
                  label={t('accounts.phone')}
                  dependencies={['username']}
                  rules={[{ pattern: /^1\d{10}$/, message: t('validation.mobile') }]}
                >
                  <Input inputMode="tel" autoComplete="off" />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} sm={12}>
            <Form.Item
              name="displayName"
              label={t('accounts.displayName')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 40 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="role" label={t('accounts.role')} rules={[{ required: true }]}>
              <Select
                options={ROLES.filter((r) => r !== 'resident').map((r) => ({
                  value: r,
                  label: t(`enums.role.${r}`),
                }))}
              />
            </Form.Item>
          </Col>
          {editing ? null : (
            <Col span={24}>
              <Form.Item
                name="password"
                label={t('accounts.initialPassword')}
                extra={t('accounts.passwordRule', { min: PASSWORD_MIN })}
                rules={[
                  { required: true, message: t('validation.required') },
                  { min: PASSWORD_MIN, message: t('accounts.passwordRule', { min: PASSWORD_MIN }) },
                  { max: 128 },
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Divider titlePlacement="start" plain>
          {t('accounts.estates')}
        </Divider>
        <Form.List name="estates">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Row key={field.key} gutter={8} align="top">
                  <Col xs={24} sm={9}>
                    <Form.Item
                      name={[field.name, 'estateId']}
                      rules={[{ required: true, message: t('validation.required') }]}
                    >
                      <Select
                        placeholder={t('shell.estate')}
                        options={(estates.data ?? []).map((e) => ({
                          value: e.id,
                          label: estateName(e, i18n.language),
                        }))}
                        onChange={() => form.setFieldValue(['estates', field.name, 'teamId'], null)}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={7}>
                    <Form.Item name={[field.name, 'teamId']}>
                      <TeamSelect estateId={rows[index]?.estateId} />
                    </Form.Item>
                  </Col>
                  <Col xs={9} sm={6}>
                    <Form.Item name={[field.name, 'position']} rules={[{ max: 40 }]}>
                      <Input placeholder={t('people.position')} />
                    </Form.Item>
                  </Col>
                  <Col xs={3} sm={2}>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('common.delete')}
                    />
                  </Col>
                </Row>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => add({ estateId: undefined })}
              >
                {t('accounts.addEstate')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
