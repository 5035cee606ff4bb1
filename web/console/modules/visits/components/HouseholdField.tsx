import { HomeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Household } from '../../../../api/types';
import { useEstate } from '../../../session/useEstate';
import type { HouseholdParam } from '../hooks/useHouseholdParam';
import { HouseholdPicker } from './HouseholdPicker';

/**
 * The household a visit form is about (kept in the URL): while none is chosen, a search to pick
 * one (with an optional hint below it); once chosen, its room and primary name (plus `details`)
 * and a button to change it.
 */
export function HouseholdField({
  param: { householdId, household, setHousehold },
  label,
  changeLabel,
  size,
  testId,
  pickerTestId,
  roomFontSize,
  placeholder,
  hint,
  details,
}: {
  param: HouseholdParam;
  label: string;
  changeLabel: string;
  size: 'large' | 'middle';
  /** On the card of the chosen household. */
  testId: string;
  pickerTestId: string;
  roomFontSize: number;
  placeholder?: string;
  hint?: string;
  /** More about the chosen household, below its room. */
  details?: (h: Household) => ReactNode;
}) {
  const { estateId } = useEstate();
  const h = household.data;
  const change = <Button onClick={() => setHousehold(null)}>{changeLabel}</Button>;
  return (
    <Form.Item label={label} required>
      {householdId ? (
        household.isPending ? (
          <Skeleton active paragraph={{ rows: 1 }} />
        ) : household.isError ? (
          <Alert type="error" showIcon title={household.error.message} action={change} />
        ) : h ? (
          <Card size="small" data-testid={testId}>
            <Flex justify="space-between" align="center" gap={8}>
              <div style={{ minWidth: 0 }}>
                <Typography.Text strong style={{ fontSize: roomFontSize }}>
                  <HomeOutlined /> {h.roomCode}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  {h.primaryName ?? ''}
                </Typography.Text>
                {details?.(h)}
              </div>
              {change}
            </Flex>
          </Card>
        ) : null
      ) : (
        <>
          <HouseholdPicker
            estateId={estateId}
            onPick={(x) => setHousehold(x.id)}
            size={size}
            testId={pickerTestId}
            placeholder={placeholder}
          />
          {hint ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
              {hint}
            </Typography.Text>
          ) : null}
        </>
      )}
    </Form.Item>
  );
}
