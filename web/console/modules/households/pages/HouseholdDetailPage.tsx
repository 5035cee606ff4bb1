import { ArrowLeftOutlined, EditOutlined, PhoneOutlined, StarFilled } from '@ant-design/icons';
import { Badge, Button, Card, Flex, Result, Skeleton, Space, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../../api/client';
import { PURPOSE_OF_CATEGORY } from '../../../../api/enums';
import { formatDateTime } from '../../../../ui/format';
import { useBuildings } from '../../../hooks/useBuildings';
import { useCustomFields } from '../../../hooks/useCustomFields';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useCan } from '../../../session/useCan';
import { BasicInfoView } from '../components/BasicInfoView';
import { BirthdayConsent } from '../components/BirthdayConsent';
import { CareFlagTags } from '../components/CareFlagTags';
import { CareTab } from '../components/CareTab';
import { ConsentsTab } from '../components/ConsentsTab';
import { CustomFieldsView } from '../components/CustomFieldsView';
import { HistoryTab } from '../components/HistoryTab';
import { HouseholdEditor } from '../components/HouseholdEditor';
import { MembersTable } from '../components/MembersTable';
import { OccupancyTag } from '../components/OccupancyTag';
import { PetsTable } from '../components/PetsTable';
import { VehiclesTable } from '../components/VehiclesTable';
import { useConsents } from '../hooks/useConsents';
import { useHousehold } from '../hooks/useHousehold';

const TAB_KEYS = ['basic', 'members', 'care', 'pets', 'vehicles', 'custom', 'consents', 'history'] as const;
type TabKey = (typeof TAB_KEYS)[number];

/** 家庭档案 detail: header, tabs, and the edit mode. The open tab is kept in `?tab=`. */
export function HouseholdDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab') as TabKey | null;
  const tab: TabKey = tabParam && TAB_KEYS.includes(tabParam) ? tabParam : 'basic';
  const [editing, setEditing] = useState(false);
  const household = useHousehold(id);
  const h = household.data;
  const defs = useCustomFields(h?.estateId ?? '');
  const buildings = useBuildings(h?.estateId ?? '');
  const consents = useConsents(id, editing);
  const hasMinorConsent = useMemo(
    () => (consents.data ?? []).some((c) => c.active && c.purpose === PURPOSE_OF_CATEGORY.minor),
    [consents.data],
  );

  if (household.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (household.isError || !h) {
    const status = household.error instanceof ApiError ? household.error.status : 0;
    return (
      <Result
        status={status === 403 ? '403' : status === 404 ? '404' : 'error'}
        title={status === 404 ? t('households.notFound') : t('common.loadFailed')}
        subTitle={household.error?.message}
        extra={
          <Button type="primary" onClick={() => navigate('/households')}>
            {t('households.backToList')}
          </Button>
        }
      />
    );
  }

  const primary = h.members.find((m) => m.isPrimary) ?? null;
  const buildingName = buildings.data?.find((b) => b.id === h.buildingId)?.name;
  const setTab = (key: string) => {
    const next = new URLSearchParams(params);
    next.set('tab', key);
    setParams(next, { replace: true });
  };
  const count = (n: number) =>
    n > 0 ? <Badge count={n} color="#bfbfbf" size="small" style={{ marginInlineStart: 4 }} /> : null;

  return (
    <div>
      <Link to="/households" style={{ display: 'inline-block', marginBottom: 12 }}>
        <ArrowLeftOutlined /> {t('households.backToList')}
      </Link>
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: isMobile ? 16 : 24 } }}>
        <Flex justify="space-between" align="flex-start" wrap gap={16}>
          <div style={{ minWidth: 0 }}>
            <Flex align="center" gap={12} wrap>
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="household-room">
                {h.roomCode}
              </Typography.Title>
              <OccupancyTag value={h.occupancy} />
              {buildingName ? <Typography.Text type="secondary">{buildingName}</Typography.Text> : null}
            </Flex>
            <Space size={isMobile ? 8 : 24} wrap style={{ marginTop: 10 }}>
              <span>
                <Typography.Text type="secondary">
                  {t('households.primaryResident')}
                  {t('common.colon')}
                </Typography.Text>
                {primary ? (
                  <>
                    <StarFilled style={{ color: '#faad14', marginInlineEnd: 4 }} />
                    {primary.name}
                  </>
                ) : (
                  (h.primaryName ?? '—')
                )}
              </span>
              {(primary?.phone ?? h.primaryPhone) ? (
                <span>
                  <PhoneOutlined style={{ marginInlineEnd: 4, color: 'rgba(0,0,0,0.45)' }} />
                  <span style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {primary?.phone ?? h.primaryPhone}
                  </span>
                </span>
              ) : null}
              <span>
                <Typography.Text type="secondary">
                  {t('households.columns.members')}
                  {t('common.colon')}
                </Typography.Text>
                {h.members.length}
              </span>
              <Typography.Text type="secondary">
                {t('households.fields.updatedAt')} {formatDateTime(h.updatedAt)}
              </Typography.Text>
            </Space>
            {h.careFlags.length ? (
              <div style={{ marginTop: 10 }}>
                <CareFlagTags flags={h.careFlags} />
              </div>
            ) : null}
          </div>
          {!editing && can('household.edit') ? (
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => setEditing(true)}
              data-testid="household-edit"
            >
              {t('common.edit')}
            </Button>
          ) : null}
        </Flex>
      </Card>

      {editing ? (
        <HouseholdEditor
          household={h}
          defs={defs.data ?? []}
          hasMinorConsent={hasMinorConsent}
          onDone={() => setEditing(false)}
          reload={async () => (await household.refetch()).data}
        />
      ) : (
        <Card styles={{ body: { paddingTop: 8 } }}>
          <Tabs
            id="household-tabs"
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'basic', label: t('households.tabs.basic'), children: <BasicInfoView household={h} /> },
              {
                key: 'members',
                label: (
                  <span>
                    {t('households.tabs.members')}
                    {count(h.members.length)}
                  </span>
                ),
                children: <MembersTable members={h.members} />,
              },
              { key: 'care', label: t('households.tabs.care'), children: <CareTab household={h} /> },
              {
                key: 'pets',
                label: (
                  <span>
                    {t('households.tabs.pets')}
                    {count(h.pets.length)}
                  </span>
                ),
                children: <PetsTable pets={h.pets} />,
              },
              {
                key: 'vehicles',
                label: (
                  <span>
                    {t('households.tabs.vehicles')}
                    {count(h.vehicles.length)}
                  </span>
                ),
                children: <VehiclesTable vehicles={h.vehicles} />,
              },
              {
                key: 'custom',
                label: t('households.tabs.custom'),
                children: <CustomFieldsView defs={defs.data ?? []} values={h.customFields} />,
              },
              {
                key: 'consents',
                label: t('households.tabs.consents'),
                children: <ConsentsTab household={h} />,
              },
              {
                key: 'history',
                label: t('households.tabs.history'),
                children: <HistoryTab householdId={h.id} defs={defs.data ?? []} />,
              },
            ]}
          />
        </Card>
      )}
      <BirthdayConsent household={h} hidden={editing} />
    </div>
  );
}
