import { Empty, Flex, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Room } from '../../../../api/types';

/** Rooms by floor (top floor first): filled tiles have a household archive, hollow ones do not. */
export function RoomGrid({
  rooms,
  onOpen,
  onCreate,
}: {
  rooms: Room[];
  onOpen: (room: Room) => void;
  onCreate?: (room: Room) => void;
}) {
  const { t } = useTranslation();
  if (rooms.length === 0) return <Empty description={t('structure.noRooms')} />;
  const floorOf = (r: Room) => r.floor ?? (Number.parseInt(r.number.slice(0, -2), 10) || 0);
  const floors = new Map<number, Room[]>();
  for (const r of rooms) {
    const f = floorOf(r);
    floors.set(f, [...(floors.get(f) ?? []), r]);
  }
  const ordered = [...floors.entries()].sort((a, b) => b[0] - a[0]);
  return (
    <div data-testid="room-grid" style={{ overflowX: 'auto' }}>
      {ordered.map(([floor, list]) => (
        <Flex key={floor} align="center" gap={8} style={{ marginBottom: 8, minWidth: 'max-content' }}>
          <Typography.Text
            type="secondary"
            style={{ width: 44, textAlign: 'right', fontSize: 12, flex: 'none' }}
          >
            {t('structure.floor', { n: floor })}
          </Typography.Text>
          {list
            .sort((a, b) => a.number.localeCompare(b.number, undefined, { numeric: true }))
            .map((r) => {
              const has = r.householdId !== null;
              const clickable = has || !!onCreate;
              return (
                <Tooltip
                  key={r.id}
                  title={`${r.roomCode}${r.areaM2 ? ` · ${r.areaM2} m²` : ''} · ${has ? t('structure.hasHousehold') : t('structure.noHousehold')}`}
                >
                  <button
                    type="button"
                    data-testid={`room-${r.roomCode}`}
                    disabled={!clickable}
                    onClick={() => (has ? onOpen(r) : onCreate?.(r))}
                    style={{
                      width: 64,
                      height: 40,
                      borderRadius: 6,
                      border: has ? '1px solid #95de64' : '1px dashed #d9d9d9',
                      background: has ? '#f6ffed' : '#fafafa',
                      color: has ? '#237804' : 'rgba(0,0,0,0.45)',
                      fontWeight: has ? 600 : 400,
                      cursor: clickable ? 'pointer' : 'default',
                      fontVariantNumeric: 'tabular-nums',
                      flex: 'none',
                    }}
                  >
                    {r.number}
                  </button>
                </Tooltip>
              );
            })}
        </Flex>
      ))}
    </div>
  );
}
