import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Flex, Modal, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRosterChange } from '../hooks/useRoster';
import type { DutyShift, RosterMember } from '../rosterApi';
import { rosterApi } from '../rosterApi';
import { firstOverlap, overnight, PRESETS, TIME_OPTIONS } from '../rosterText';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
type Row = DutyShift & { key: number };
let nextKey = 1;

/**
 * 编辑排班: a person's whole week, day by day (several shifts a day allowed; an end at or before
 * the start runs into the next day). Presets fill the days ticked. Saved with the version read,
 * so a colleague's edit in between is reported instead of overwritten.
 */
export function EditWeekModal({
  estateId,
  member,
  onClose,
}: {
  estateId: string;
  member: RosterMember | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const change = useRosterChange();
  const [rows, setRows] = useState<Row[]>([]);
  const [days, setDays] = useState<number[]>([1, 2, 3, 4, 5]);

  useEffect(() => {
    if (member) setRows(member.shifts.map((s) => ({ ...s, key: nextKey++ })));
  }, [member]);

  const overlap = useMemo(() => firstOverlap(rows), [rows]);
  const timeOptions = useMemo(() => TIME_OPTIONS.map((v) => ({ value: v, label: v })), []);
  const endOptions = useMemo(() => [...timeOptions, { value: '24:00', label: '24:00' }], [timeOptions]);
  const set = (key: number, patch: Partial<DutyShift>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = (weekday: number, start = '08:00', end = '17:00') =>
    setRows((rs) => [...rs, { weekday, start, end, key: nextKey++ }]);
  const applyPreset = (start: string, end: string) =>
    setRows((rs) => [
      ...rs.filter((r) => !days.includes(r.weekday)),
      ...days.map((weekday) => ({ weekday, start, end, key: nextKey++ })),
    ]);

  const save = async () => {
    if (!member) return;
    const shifts = rows
      .map(({ weekday, start, end }) => ({ weekday, start, end }))
      .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
    const ok = await change.run(estateId, () =>
      rosterApi.putShifts(estateId, member.accountId, shifts, member.version),
    );
    if (ok) onClose();
  };

  return (
    <Modal
      open={!!member}
      title={member ? t('roster.edit.title', { name: member.displayName }) : ''}
      onCancel={onClose}
      onOk={save}
      okText={t('common.save')}
      okButtonProps={{ disabled: overlap >= 0, loading: change.pending, 'data-testid': 'roster-save' }}
      destroyOnHidden
      width={640}
    >
      <Flex vertical gap={12}>
        <Flex wrap gap={8} align="center">
          <Checkbox.Group
            value={days}
            onChange={(v) => setDays(v as number[])}
            options={WEEKDAYS.map((d) => ({ value: d, label: t(`enums.weekdayShort.${d}`) }))}
          />
        </Flex>
        <Flex wrap gap={8}>
          {PRESETS.map((p) => (
            <Button
              key={p.key}
              size="small"
              onClick={() => applyPreset(p.start, p.end)}
              disabled={!days.length}
            >
              {t(`roster.preset.${p.key}`)} {p.start}–{p.end}
            </Button>
          ))}
          <Button size="small" onClick={() => setRows((rs) => rs.filter((r) => !days.includes(r.weekday)))}>
            {t('roster.edit.restDays')}
          </Button>
        </Flex>
        {WEEKDAYS.map((d) => {
          const mine = rows.filter((r) => r.weekday === d);
          return (
            <Flex key={d} gap={8} align="flex-start" wrap data-testid={`roster-edit-day-${d}`}>
              <Typography.Text strong style={{ width: 40, lineHeight: '32px' }}>
                {t(`enums.weekdayShort.${d}`)}
              </Typography.Text>
              <Flex vertical gap={6} style={{ flex: 1, minWidth: 220 }}>
                {mine.length === 0 ? (
                  <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
                    {t('roster.rest')}
                  </Typography.Text>
                ) : null}
                {mine.map((r) => (
                  <Flex key={r.key} gap={6} align="center" wrap>
                    <Select
                      size="middle"
                      value={r.start}
                      options={timeOptions}
                      onChange={(v) => set(r.key, { start: v })}
                      style={{ width: 92 }}
                      aria-label={t('roster.edit.start')}
                    />
                    <span>–</span>
                    <Select
                      value={r.end}
                      options={endOptions}
                      onChange={(v) => set(r.key, { end: v })}
                      style={{ width: 92 }}
                      aria-label={t('roster.edit.end')}
                    />
                    {overnight(r) ? (
                      <Typography.Text type="secondary">{t('roster.nextDay')}</Typography.Text>
                    ) : null}
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('common.delete')}
                      onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                    />
                  </Flex>
                ))}
              </Flex>
              <Button icon={<PlusOutlined />} onClick={() => add(d)} aria-label={t('roster.edit.addShift')} />
            </Flex>
          );
        })}
        {overlap >= 0 ? (
          <Alert
            type="error"
            showIcon
            message={t('roster.edit.overlap', { day: t(`enums.weekdayShort.${rows[overlap]!.weekday}`) })}
          />
        ) : null}
      </Flex>
    </Modal>
  );
}
