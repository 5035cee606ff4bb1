import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  CloudSyncOutlined,
  ControlOutlined,
  DashboardOutlined,
  FileAddOutlined,
  FundOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SmileOutlined,
  SolutionOutlined,
  TeamOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../session/useCan';
import { useCurrentUser } from '../session/useCurrentUser';

type Item = NonNullable<MenuProps['items']>[number];

/** The side menu, grouped by team, with the entries the user lacks the capability for left out. */
export function useNavItems(): Item[] {
  const { t } = useTranslation();
  const can = useCan();
  const role = useCurrentUser().data?.role;
  return useMemo(() => {
    const group = (key: string, label: string, children: (Item | false)[]): Item | null => {
      const kept = children.filter(Boolean) as Item[];
      return kept.length ? { type: 'group', key, label, children: kept } : null;
    };
    const items: (Item | null)[] = [
      { key: '/', icon: <DashboardOutlined />, label: t('nav.overview') },
      can('plan.read') ? { key: '/agenda', icon: <CarryOutOutlined />, label: t('nav.agenda') } : null,
      group('service', t('nav.groups.service'), [
        can('household.read') && { key: '/households', icon: <HomeOutlined />, label: t('nav.households') },
        (can('household.import') || can('household.export')) && {
          key: '/import-export',
          icon: <CloudSyncOutlined />,
          label: t('nav.importExport'),
        },
      ]),
      group('requests', t('nav.groups.requests'), [
        can('request.create') && {
          key: '/requests/new',
          icon: <FileAddOutlined />,
          label: t('nav.requestNew'),
        },
        can('request.work') && { key: '/requests/mine', icon: <ToolOutlined />, label: t('nav.requestMine') },
        (can('request.dispatch') || can('request.create')) && {
          key: '/requests',
          icon: <ProfileOutlined />,
          label: t('nav.requestBoard'),
        },
      ]),
      group('plan', t('nav.groups.plan'), [
        can('plan.read') && { key: '/plan', icon: <SolutionOutlined />, label: t('nav.plan') },
        (can('visit.record') || can('agenda.team')) && {
          key: '/visits',
          icon: <SmileOutlined />,
          label: t('nav.visits'),
        },
        (can('plan.manage') || role === 'squad_leader') && {
          key: '/loyal-groups',
          icon: <HeartOutlined />,
          label: t('nav.loyalGroups'),
        },
        can('kpi.read') && { key: '/kpi', icon: <FundOutlined />, label: t('nav.kpi') },
      ]),
      group('structure', t('nav.groups.structure'), [
        { key: '/buildings', icon: <ApartmentOutlined />, label: t('nav.buildings') },
        { key: '/entrances', icon: <SafetyCertificateOutlined />, label: t('nav.entrances') },
      ]),
      group('people', t('nav.groups.people'), [
        can('staff.read') && { key: '/staff', icon: <TeamOutlined />, label: t('nav.staff') },
        can('account.manage') && { key: '/accounts', icon: <IdcardOutlined />, label: t('nav.accounts') },
      ]),
      group('system', t('nav.groups.system'), [
        can('estate.create') && { key: '/estates', icon: <BankOutlined />, label: t('nav.estates') },
        can('calendar.manage') && { key: '/calendar', icon: <CalendarOutlined />, label: t('nav.calendar') },
        can('audit.read') && { key: '/audit', icon: <AuditOutlined />, label: t('nav.audit') },
        can('customfield.manage') && {
          key: '/custom-fields',
          icon: <ControlOutlined />,
          label: t('nav.customFields'),
        },
      ]),
    ];
    return items.filter((i): i is Item => i !== null);
  }, [t, can, role]);
}
