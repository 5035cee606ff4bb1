import { ArrowRightOutlined } from '@ant-design/icons';
import { Alert, Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CustomFieldDef } from '../../../../api/types';
import { formatDateTime } from '../../../../ui/format';
import { fieldLabel } from '../customFieldLabel';
import { useHouseholdHistory } from '../hooks/useHouseholdHistory';

/** Archive fields the history may name; anything else is shown as the server named it. */
const KNOWN_FIELDS = [
  'occupancy',
  'moveInDate',
  'familyStructure',
  'careFlags',
  'hobbies',
  'skills',
  'tags',
  'preferredChannel',
  'preferredHours',
  'notes',
  'customFields',
  'members',
  'pets',
  'vehicles',
  'roomId',
  'created',
] as const;

/** The label group of each list's item fields (households.member.email, households.pet.size …). */
const ITEM_LABELS: Record<string, string> = { members: 'member', pets: 'pet', vehicles: 'vehicle' };

/** 变更历史 tab: who changed what, when; field old → new with translated labels. */
export function HistoryTab({ householdId, defs }: { householdId: string; defs: CustomFieldDef[] }) {
  const { t, i18n } = useTranslation();
  const history = useHouseholdHistory(householdId);
  if (history.isPending) return <Skeleton active />;
  if (history.isError) return <Alert type="error" showIcon title={history.error.message} />;
  if (history.data.length === 0) return <Empty description={t('history.empty')} />;

  const label = (field: string): string => {
    const [head, ...rest] = field.split(/[.[]/);
    if (head === 'customFields' && rest[0]) {
      const def = defs.find((d) => d.key === rest[0]);
      return `${t('households.fields.customFields')} · ${def ? fieldLabel(def, i18n.language) : rest[0]}`;
    }
    // Sensitive facts appear as counts per category (the facts themselves are never in the history).
    if (head === 'sensitive' && rest[0])
      return `${t('sensitive.title')} · ${t(`enums.sensitiveCategory.${rest[0]}`, { defaultValue: rest[0] })}`;
    if ((KNOWN_FIELDS as readonly string[]).includes(head)) {
      const base = t(`households.fields.${head}`);
      const tail = field.slice(head.length);
      // A member's, pet's or vehicle's own field: 家庭成员[王芳] · 邮箱 rather than the API's `.email`.
      const group = ITEM_LABELS[head];
      const sub = group ? /^(\[[^\]]*\])\.(\w+)$/.exec(tail) : null;
      if (group && sub) {
        const key = sub[2] === 'isPrimary' ? 'primary' : sub[2]!;
        return `${base}${sub[1]} · ${t(`households.${group}.${key}`, { defaultValue: sub[2] })}`;
      }
      return tail ? `${base}${tail}` : base;
    }
    return field;
  };

  return (
    <Timeline
      data-testid="history-timeline"
      items={history.data.map((c) => ({
        key: c.id,
        color: c.version === 1 ? 'green' : 'blue',
        title: (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(c.at)}
          </Typography.Text>
        ),
        content: (
          <div>
            <Flex gap={8} align="center" wrap style={{ marginBottom: 6 }}>
              <Typography.Text strong>{c.actorName ?? t('history.system')}</Typography.Text>
              <Tag style={{ marginInlineEnd: 0 }}>v{c.version}</Tag>
              <Typography.Text type="secondary">
                {c.changes.length === 0
                  ? t('history.noFieldChanges')
                  : t('history.changed', { count: c.changes.length })}
              </Typography.Text>
            </Flex>
            {c.changes.map((ch) => (
              <div
                key={ch.field}
                style={{ padding: '4px 10px', background: '#fafafa', borderRadius: 4, marginBottom: 4 }}
              >
                <Typography.Text strong style={{ marginInlineEnd: 8 }}>
                  {label(ch.field)}
                </Typography.Text>
                <Typography.Text delete type="secondary">
                  {formatValue(ch.field, ch.old, t)}
                </Typography.Text>
                <ArrowRightOutlined style={{ margin: '0 8px', color: 'rgba(0,0,0,0.35)', fontSize: 11 }} />
                <Typography.Text>{formatValue(ch.field, ch.new, t)}</Typography.Text>
              </div>
            ))}
          </div>
        ),
      }))}
    />
  );
}

/** A history value in words: enum labels, lists, names of members, plates… */
function formatValue(field: string, value: unknown, t: TFunction): string {
  const empty = t('history.emptyValue');
  if (value === null || value === undefined || value === '') return empty;
  const head = field.split(/[.[]/)[0];
  const one = (v: unknown): string => {
    if (v === null || v === undefined || v === '') return empty;
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (typeof v === 'string') {
      if (head === 'occupancy') return t(`enums.occupancy.${v}`, { defaultValue: v });
      if (head === 'careFlags') return t(`enums.careFlag.${v}`, { defaultValue: v });
      if (head === 'preferredChannel') return t(`enums.channel.${v}`, { defaultValue: v });
      return v;
    }
    if (typeof v === 'number') return String(v);
    if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.name === 'string') return o.name;
      if (typeof o.plate === 'string') return o.plate;
      if (typeof o.kind === 'string') return t(`enums.petKind.${o.kind}`, { defaultValue: o.kind });
      return JSON.stringify(v);
    }
    return String(v);
  };
  if (Array.isArray(value)) return value.length ? value.map(one).join('、') : empty;
  return one(value);
}
