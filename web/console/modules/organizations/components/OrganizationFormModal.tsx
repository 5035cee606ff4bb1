import { Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../forms/FormModal';
import {
  type CreateOrganizationBody,
  ORGANIZATION_KINDS_UI,
  type OrganizationDetail,
} from '../organizationText';
import { StaffSelect } from './StaffSelect';

interface Values {
  name: string;
  kind: CreateOrganizationBody['kind'];
  managerId: string;
  description?: string;
  meetingPlace?: string;
  meetingTime?: string;
  active?: boolean;
}

/** Create an organization, or edit one (`initial`): name, kind, the staff member responsible, meetings. */
export function OrganizationFormModal({
  open,
  estateId,
  initial,
  onClose,
  onSave,
}: {
  open: boolean;
  estateId: string;
  initial?: OrganizationDetail;
  onClose: () => void;
  onSave: (v: Values) => Promise<void>;
}) {
  const { t } = useTranslation();
  return (
    <FormModal<Values>
      open={open}
      title={initial ? t('orgs.editTitle') : t('orgs.createTitle')}
      saveTestId="org-form-save"
      onClose={onClose}
      onSave={onSave}
      initialValues={
        initial
          ? {
              name: initial.name,
              kind: initial.kind,
              managerId: initial.managerId,
              description: initial.description ?? undefined,
              meetingPlace: initial.meetingPlace ?? undefined,
              meetingTime: initial.meetingTime ?? undefined,
              active: initial.active,
            }
          : { kind: 'interest_group' }
      }
    >
      <Form.Item name="name" label={t('orgs.name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
        <Input maxLength={50} data-testid="org-form-name" placeholder={t('orgs.namePlaceholder')} />
      </Form.Item>
      <Form.Item name="kind" label={t('orgs.kind')} rules={[{ required: true }]}>
        <Select
          data-testid="org-form-kind"
          options={ORGANIZATION_KINDS_UI.map((k) => ({ value: k, label: t(`orgs.kinds.${k}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="managerId"
        label={t('orgs.manager')}
        rules={[{ required: true }]}
        extra={t('orgs.managerHint')}
      >
        <StaffSelect estateId={estateId} testId="org-form-manager" />
      </Form.Item>
      <Form.Item name="meetingPlace" label={t('orgs.meetingPlace')} rules={[{ max: 100 }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="meetingTime" label={t('orgs.meetingTime')} rules={[{ max: 100 }]}>
        <Input maxLength={100} placeholder={t('orgs.meetingTimePlaceholder')} />
      </Form.Item>
      <Form.Item name="description" label={t('orgs.description')} rules={[{ max: 1000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
      </Form.Item>
      {initial ? (
        <Form.Item name="active" label={t('orgs.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
