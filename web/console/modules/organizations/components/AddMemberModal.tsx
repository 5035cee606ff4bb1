import { Alert, Button, Flex, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdSummary } from '../../../../api/types';
import { HouseholdPicker } from '../../visits/components/HouseholdPicker';

/** Pick a household of the estate and, optionally, its role in the organization. */
export function AddMemberModal({
  open,
  estateId,
  exclude,
  onClose,
  onAdd,
}: {
  open: boolean;
  estateId: string;
  exclude: ReadonlySet<string>;
  onClose: () => void;
  onAdd: (householdId: string, role: string | undefined) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [role, setRole] = useState('');
  const [picked, setPicked] = useState<HouseholdSummary | null>(null);
  const [saving, setSaving] = useState(false);
  const reset = () => {
    setRole('');
    setPicked(null);
  };
  return (
    <Modal
      open={open}
      title={t('orgs.members.addTitle')}
      onCancel={() => {
        reset();
        onClose();
      }}
      okText={t('orgs.members.add')}
      okButtonProps={{ disabled: !picked, 'data-testid': 'org-member-save' }}
      confirmLoading={saving}
      destroyOnHidden
      onOk={async () => {
        if (!picked) return;
        setSaving(true);
        try {
          await onAdd(picked.id, role.trim() || undefined);
          reset();
        } finally {
          setSaving(false);
        }
      }}
    >
      <Flex vertical gap={12}>
        {picked ? (
          <Alert
            type="success"
            showIcon
            title={t('orgs.members.picked', { room: picked.roomCode, name: picked.primaryName ?? '—' })}
            action={
              <Button size="small" onClick={() => setPicked(null)}>
                {t('orgs.members.change')}
              </Button>
            }
          />
        ) : (
          <HouseholdPicker
            estateId={estateId}
            exclude={exclude}
            testId="org-member-search"
            onPick={setPicked}
          />
        )}
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('orgs.members.role')}
          </Typography.Text>
          <Input
            value={role}
            maxLength={20}
            onChange={(e) => setRole(e.target.value)}
            placeholder={t('orgs.members.rolePlaceholder')}
            data-testid="org-member-role"
          />
        </div>
      </Flex>
    </Modal>
  );
}
