import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useIsMobile } from '../../../hooks/useIsMobile';

/** A visit's problems (hazards for a safety check): one box each, up to 20, one added at a time. */
export function ProblemList({
  name,
  label,
  extra,
  placeholder,
  addLabel,
  testIdPrefix,
}: {
  name: string;
  label: string;
  extra?: string;
  /** The placeholder of the n-th box (from 1). */
  placeholder: (n: number) => string;
  addLabel: string;
  /** Boxes are `${testIdPrefix}-0` …, the add button `${testIdPrefix}-add`. */
  testIdPrefix: string;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item label={label} extra={extra}>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((f, i) => (
              <Flex key={f.key} gap={8} align="flex-start">
                <Form.Item name={f.name} style={{ flex: 1, marginBottom: 0 }} rules={[{ max: 500 }]}>
                  <Input.TextArea
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    maxLength={500}
                    placeholder={placeholder(i + 1)}
                    data-testid={`${testIdPrefix}-${i}`}
                  />
                </Form.Item>
                <Button
                  icon={<DeleteOutlined />}
                  onClick={() => remove(f.name)}
                  aria-label={t('common.delete')}
                />
              </Flex>
            ))}
            {fields.length < 20 ? (
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add('')}
                block
                data-testid={`${testIdPrefix}-add`}
              >
                {addLabel}
              </Button>
            ) : null}
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** Save (big, disabled until there is something to save) and cancel (back where the user came from). */
export function SaveBar({
  saving,
  disabled,
  onSave,
  testId,
  children,
}: {
  saving: boolean;
  disabled: boolean;
  onSave: () => void;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  return (
    <Flex gap={8} vertical={isMobile}>
      <Button
        type="primary"
        size="large"
        icon={<SaveOutlined />}
        loading={saving}
        disabled={disabled}
        onClick={onSave}
        block={isMobile}
        data-testid={testId}
      >
        {children}
      </Button>
      <Button size="large" block={isMobile} onClick={() => navigate(-1)}>
        {t('common.cancel')}
      </Button>
    </Flex>
  );
}
