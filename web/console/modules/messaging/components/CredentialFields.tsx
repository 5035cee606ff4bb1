import { Form, Input, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** 已设置 / 未设置: whether a provider's write-only secret is stored. */
export function SecretStateTag({ stored, testId }: { stored: boolean; testId: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={stored ? 'green' : 'default'} data-testid={testId}>
      {stored ? t('providers.secretSet') : t('providers.secretNotSet')}
    </Tag>
  );
}

/**
 * A write-only credential of a provider: never shown, required until one is stored, and left
 * blank it keeps the stored one. `extra` defaults to whether a secret is stored.
 */
export function CredentialItem({
  name,
  label,
  stored,
  secret,
  maxLength,
  extra,
}: {
  name: string;
  label: ReactNode;
  stored: boolean;
  /** A password field (masked); otherwise a plain input such as a key id or user name. */
  secret?: boolean;
  maxLength: number;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const placeholder = stored ? t('providers.keepStored') : '';
  return (
    <Form.Item
      name={name}
      label={label}
      extra={extra ?? (stored ? t('providers.secretSetHelp') : t('providers.secretNotSet'))}
      rules={[{ required: !stored, message: t('providers.keyRequired') }]}
    >
      {secret ? (
        <Input.Password autoComplete="new-password" maxLength={maxLength} placeholder={placeholder} />
      ) : (
        <Input autoComplete="off" maxLength={maxLength} placeholder={placeholder} />
      )}
    </Form.Item>
  );
}
