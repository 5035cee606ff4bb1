import { Form, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A modal around one vertical antd Form: OK validates the fields and awaits `onSave` with the
 * values, the OK button spinning meanwhile. The form is rebuilt from `initialValues` on each opening.
 */
export function FormModal<V extends object>({
  open,
  title,
  okText,
  saveTestId,
  initialValues,
  onClose,
  onSave,
  children,
}: {
  open: boolean;
  title: ReactNode;
  /** The OK button's text; 保存 by default. */
  okText?: string;
  saveTestId: string;
  initialValues: Partial<V>;
  onClose: () => void;
  onSave: (v: V) => Promise<void>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<V>();
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      okText={okText ?? t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ 'data-testid': saveTestId }}
      onOk={async () => {
        const v = await form.validateFields();
        setSaving(true);
        try {
          await onSave(v);
        } finally {
          setSaving(false);
        }
      }}
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}
