import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { nowInZone } from '../../../../ui/format';
import { FormModal } from '../../../forms/FormModal';
import { ORG_CONTACT_CHANNELS_UI, type OrgContactChannel } from '../organizationText';
import { StaffSelect } from './StaffSelect';

export interface ContactValues {
  contactedAt: Dayjs;
  staffId: string;
  channel: OrgContactChannel;
  summary: string;
  followUp?: string;
}

/**
 * Log a contact with an organization: when (the estate's wall clock, see pickedInstant), who from
 * our side, how, what was said, what follows.
 */
export function ContactLogModal({
  open,
  estateId,
  orgName,
  meId,
  onClose,
  onSave,
}: {
  open: boolean;
  estateId: string;
  orgName: string;
  meId: string;
  onClose: () => void;
  onSave: (v: ContactValues) => Promise<void>;
}) {
  const { t } = useTranslation();
  return (
    <FormModal<ContactValues>
      open={open}
      title={t('orgs.contact.title', { name: orgName })}
      saveTestId="org-contact-save"
      onClose={onClose}
      onSave={onSave}
      initialValues={{ contactedAt: nowInZone(), staffId: meId, channel: 'meeting' }}
    >
      <Form.Item name="contactedAt" label={t('orgs.contact.when')} rules={[{ required: true }]}>
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: '100%' }}
          disabledDate={(d) => d.isAfter(nowInZone(), 'day')}
          inputReadOnly
        />
      </Form.Item>
      <Form.Item name="staffId" label={t('orgs.contact.who')} rules={[{ required: true }]}>
        <StaffSelect estateId={estateId} />
      </Form.Item>
      <Form.Item name="channel" label={t('orgs.contact.channel')} rules={[{ required: true }]}>
        <Select
          data-testid="org-contact-channel"
          options={ORG_CONTACT_CHANNELS_UI.map((c) => ({ value: c, label: t(`orgs.channels.${c}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="summary"
        label={t('orgs.contact.summary')}
        rules={[{ required: true, whitespace: true, max: 1000 }]}
      >
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 6 }}
          maxLength={1000}
          data-testid="org-contact-summary"
        />
      </Form.Item>
      <Form.Item
        name="followUp"
        label={t('orgs.contact.followUp')}
        rules={[{ max: 500 }]}
        extra={t('orgs.contact.followUpHint')}
      >
        <Input maxLength={500} data-testid="org-contact-followup" />
      </Form.Item>
    </FormModal>
  );
}
