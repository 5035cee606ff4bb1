import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { serviceRequestsApi } from '../../../../api/endpoints';
import type { ServiceRequest } from '../../../../api/types';
import { useRequestAction } from '../hooks/useRequests';

/** Cancel an open request with a reason (the taker before acceptance, or a dispatcher). */
export function CancelModal({ request, onClose }: { request: ServiceRequest | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const { act, pending } = useRequestAction();
  const save = async () => {
    if (!request) return;
    const { reason } = await form.validateFields();
    await act(() => serviceRequestsApi.cancel(request.id, reason.trim()), t('requests.cancel.done'));
    onClose();
  };
  return (
    <Modal
      open={!!request}
      title={t('requests.cancel.title')}
      onCancel={onClose}
      onOk={save}
      okText={t('requests.cancel.save')}
      okButtonProps={{ danger: true, loading: pending, 'data-testid': 'cancel-save' }}
      cancelText={t('requests.cancel.keep')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('requests.cancel.reason')}
          rules={[
            { required: true, whitespace: true, message: t('requests.cancel.reasonRequired') },
            { max: 500 },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="cancel-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
