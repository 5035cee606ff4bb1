import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { accountsApi } from '../../../../api/endpoints';
import { PASSWORD_MIN } from '../../../../api/enums';
import type { Account } from '../../../../api/types';
import { applyFieldErrors } from '../../../forms/fieldErrors';
import { useNotifyError } from '../../../hooks/useNotifyError';

/** Sets a new password for an account (the admin tells the person in person). */
export function ResetPasswordModal({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const reset = useMutation({
    mutationFn: (v: { password: string }) => accountsApi.resetPassword(account!.id, v.password),
    onSuccess: () => {
      message.success(t('accounts.passwordReset'));
      onClose();
    },
    onError: (err) => {
      applyFieldErrors(form, err);
      notifyError(err);
    },
  });
  return (
    <Modal
      title={t('accounts.resetTitle', { name: account?.displayName ?? '' })}
      open={account !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('accounts.resetHint')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        name="reset-password"
        onFinish={(v) => reset.mutate(v)}
        preserve={false}
      >
        <Form.Item
          name="password"
          label={t('accounts.newPassword')}
          rules={[
            { required: true, message: t('validation.required') },
            { min: PASSWORD_MIN, message: t('accounts.passwordRule', { min: PASSWORD_MIN }) },
            { max: 128 },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('accounts.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('accounts.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
