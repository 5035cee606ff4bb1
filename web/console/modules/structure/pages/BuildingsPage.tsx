import { ApartmentOutlined, EditOutlined, UserOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Row,
  Segmented,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { Building } from '../../../../api/types';
import { PageHeader } from '../../../../ui/PageHeader';
import { useBuildings } from '../../../hooks/useBuildings';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useRooms } from '../../../hooks/useRooms';
import { useCan } from '../../../session/useCan';
import { useEstate } from '../../../session/useEstate';
import { CreateHouseholdModal, type RoomPreset } from '../../households/components/CreateHouseholdModal';
import { BuildingButlersModal } from '../components/BuildingButlersModal';
import { RoomGrid } from '../components/RoomGrid';

/** 楼栋房屋: buildings with butlers and counts; a building's units and rooms. */
export function BuildingsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const isMobile = useIsMobile();
  const { estateId } = useEstate();
  const [params, setParams] = useSearchParams();
  const buildings = useBuildings(estateId);
  const list = buildings.data ?? [];
  const selected: Building | undefined = list.find((b) => b.id === params.get('b')) ?? list[0];
  const unitParam = params.get('u');
  const unit = selected?.units.find((u) => u.id === unitParam) ?? selected?.units[0];
  const rooms = useRooms(estateId, selected?.id, unit?.id);
  const [preset, setPreset] = useState<RoomPreset | null>(null);
  const [editingButlers, setEditingButlers] = useState<Building | null>(null);

  const select = (b: string, u?: string) => {
    const next = new URLSearchParams(params);
    next.set('b', b);
    if (u) next.set('u', u);
    else next.delete('u');
    setParams(next, { replace: true });
  };

  const filled = (rooms.data ?? []).filter((r) => r.householdId).length;

  return (
    <div>
      <PageHeader title={t('structure.buildingsTitle')} subtitle={t('structure.buildingsSubtitle')} />
      {buildings.isError ? (
        <Alert type="error" showIcon title={buildings.error.message} style={{ marginBottom: 16 }} />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card
            title={t('structure.buildings')}
            extra={<Typography.Text type="secondary">{list.length}</Typography.Text>}
            styles={{
              body: { padding: 0, maxHeight: isMobile ? 320 : 'calc(100vh - 220px)', overflowY: 'auto' },
            }}
          >
            {buildings.isPending ? (
              <div style={{ padding: 16 }}>
                <Skeleton active />
              </div>
            ) : (
              <div role="listbox" aria-label={t('structure.buildings')}>
                {list.length === 0 ? (
                  <Empty description={t('structure.noBuildings')} style={{ padding: 24 }} />
                ) : null}
                {list.map((b) => {
                  const active = b.id === selected?.id;
                  const roomsTotal = b.units.reduce((sum, u) => sum + u.rooms, 0);
                  return (
                    <button
                      type="button"
                      role="option"
                      aria-selected={active}
                      key={b.id}
                      data-testid={`building-${b.code}`}
                      onClick={() => select(b.id)}
                      style={{
                        display: 'flex',
                        gap: 12,
                        width: '100%',
                        textAlign: 'start',
                        font: 'inherit',
                        cursor: 'pointer',
                        padding: '12px 16px',
                        border: 0,
                        borderBottom: '1px solid #f0f0f0',
                        background: active ? '#e6f4ff' : 'transparent',
                        borderInlineStart: `3px solid ${active ? '#1668dc' : 'transparent'}`,
                      }}
                    >
                      <ApartmentOutlined style={{ fontSize: 20, color: '#1668dc', marginTop: 2 }} />
                      <div style={{ minWidth: 0 }}>
                        <Typography.Text strong>{b.name}</Typography.Text>
                        <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 13, marginTop: 2 }}>
                          {t('structure.buildingCounts', {
                            units: b.units.length,
                            rooms: roomsTotal,
                            households: b.households,
                          })}
                        </div>
                        {b.butlers.length ? (
                          <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 13, marginTop: 2 }}>
                            <UserOutlined /> {t('structure.butlers')}
                            {t('common.colon')}
                            {b.butlers.map((x) => x.displayName).join('、')}
                          </div>
                        ) : null}
                      </div>
                    </button>
                  );
                })}
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          {selected ? (
            <Card
              title={selected.name}
              extra={selected.floors ? <Tag>{t('structure.floors', { n: selected.floors })}</Tag> : null}
            >
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 3 }}
                style={{ marginBottom: 16 }}
                items={[
                  { key: 'code', label: t('structure.code'), children: selected.code },
                  { key: 'households', label: t('structure.households'), children: selected.households },
                  {
                    key: 'butlers',
                    label: t('structure.butlers'),
                    children: (
                      <Flex wrap gap={4} align="center" data-testid={`building-butlers-${selected.code}`}>
                        {selected.butlers.length ? (
                          selected.butlers.map((x) => (
                            <Tag
                              key={x.id}
                              icon={<UserOutlined />}
                              color="blue"
                              style={{ marginInlineEnd: 0 }}
                            >
                              {x.displayName}
                            </Tag>
                          ))
                        ) : (
                          <Typography.Text type="secondary">{t('structure.noButlers')}</Typography.Text>
                        )}
                        {can('estate.manage') ? (
                          <Button
                            type="link"
                            size="small"
                            icon={<EditOutlined />}
                            data-testid={`building-butlers-edit-${selected.code}`}
                            onClick={() => setEditingButlers(selected)}
                          >
                            {t('structure.butlersEdit')}
                          </Button>
                        ) : null}
                      </Flex>
                    ),
                  },
                ]}
              />
              {selected.units.length > 1 ? (
                <div style={{ overflowX: 'auto', marginBottom: 16 }}>
                  <Segmented
                    value={unit?.id}
                    onChange={(v) => select(selected.id, String(v))}
                    options={selected.units.map((u) => ({ value: u.id, label: u.name }))}
                  />
                </div>
              ) : null}
              <Flex gap={16} wrap align="center" style={{ marginBottom: 12 }}>
                <Typography.Text type="secondary">
                  {t('structure.roomStats', { total: rooms.data?.length ?? 0, filled })}
                </Typography.Text>
                <Flex gap={6} align="center">
                  <span
                    style={{
                      width: 14,
                      height: 14,
                      borderRadius: 3,
                      background: '#f6ffed',
                      border: '1px solid #95de64',
                    }}
                  />
                  <Typography.Text type="secondary">{t('structure.hasHousehold')}</Typography.Text>
                </Flex>
                <Flex gap={6} align="center">
                  <span
                    style={{
                      width: 14,
                      height: 14,
                      borderRadius: 3,
                      background: '#fafafa',
                      border: '1px dashed #d9d9d9',
                    }}
                  />
                  <Typography.Text type="secondary">{t('structure.noHousehold')}</Typography.Text>
                </Flex>
              </Flex>
              {rooms.isPending ? (
                <Skeleton active />
              ) : rooms.isError ? (
                <Alert type="error" showIcon title={rooms.error.message} />
              ) : (
                <RoomGrid
                  rooms={rooms.data ?? []}
                  onOpen={(r) => navigate(`/households/${r.householdId}`)}
                  onCreate={
                    can('household.create')
                      ? (r) => setPreset({ buildingId: r.buildingId, unitId: r.unitId, roomId: r.id })
                      : undefined
                  }
                />
              )}
              {can('household.create') ? (
                <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
                  {t('structure.createHint')}
                </Typography.Text>
              ) : null}
            </Card>
          ) : buildings.isPending ? null : (
            <Card>
              <Empty description={t('structure.noBuildings')} />
            </Card>
          )}
        </Col>
      </Row>
      <BuildingButlersModal
        estateId={estateId}
        building={editingButlers}
        onClose={() => setEditingButlers(null)}
      />
      <CreateHouseholdModal
        open={preset !== null}
        preset={preset ?? undefined}
        onClose={() => setPreset(null)}
      />
    </div>
  );
}
