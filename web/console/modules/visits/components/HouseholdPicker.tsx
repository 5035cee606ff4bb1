import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Flex, List, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { householdsApi } from '../../../../api/endpoints';
import type { HouseholdSummary } from '../../../../api/types';
import { SearchBox } from '../../../../ui/SearchBox';
import { CareFlagTags } from '../../households/components/CareFlagTags';

/** Search the estate's households by room, name or phone and pick one (big rows for phones). */
export function HouseholdPicker({
  estateId,
  onPick,
  size,
  testId = 'household-search',
  exclude,
  placeholder,
}: {
  estateId: string;
  onPick: (h: HouseholdSummary) => void;
  size?: 'large' | 'middle';
  testId?: string;
  /** Households not offered (e.g. already in the group). */
  exclude?: ReadonlySet<string>;
  /** What the search box invites (default: room, name or phone). */
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['households', 'list', { estateId, q, limit: 8 }],
    queryFn: () => householdsApi.list({ estateId, q, limit: 8 }),
    enabled: !!estateId && q.length > 0,
  });
  const rows = (found.data?.items ?? []).filter((h) => !exclude?.has(h.id));
  return (
    <>
      <SearchBox
        testId={testId}
        value={q}
        size={size}
        onSearch={setQ}
        placeholder={placeholder ?? t('visits.householdSearch')}
      />
      {q ? (
        <Spin spinning={found.isFetching}>
          {found.isError ? (
            <Alert type="error" showIcon title={found.error.message} style={{ marginTop: 8 }} />
          ) : (
            <List
              size="small"
              style={{ marginTop: 8 }}
              bordered
              dataSource={rows}
              locale={{ emptyText: <Empty description={t('visits.noHousehold', { q })} /> }}
              renderItem={(h) => (
                <List.Item
                  key={h.id}
                  onClick={() => onPick(h)}
                  style={{ cursor: 'pointer', minHeight: 48 }}
                  data-testid={`household-option-${h.id}`}
                >
                  <Flex gap={8} align="center" wrap style={{ width: '100%' }}>
                    <Typography.Text strong>{h.roomCode}</Typography.Text>
                    <Typography.Text type="secondary">{h.primaryName ?? '—'}</Typography.Text>
                    {h.careFlags.length ? <CareFlagTags flags={h.careFlags} /> : null}
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </Spin>
      ) : null}
    </>
  );
}
