import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BankOutlined,
  BulbOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  CloudOutlined,
  CloudSyncOutlined,
  ClusterOutlined,
  ControlOutlined,
  DashboardOutlined,
  DesktopOutlined,
  FileAddOutlined,
  FileTextOutlined,
  FundOutlined,
  GiftOutlined,
  HeartOutlined,
  HeatMapOutlined,
  HomeOutlined,
  IdcardOutlined,
  MailOutlined,
  NotificationOutlined,
  PhoneOutlined,
  ProfileOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  ShoppingCartOutlined,
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
        can('request.work') && { key: '/revisits', icon: <PhoneOutlined />, label: t('revisits.nav') },
        can('request.work') && { key: '/lending', icon: <ShoppingCartOutlined />, label: t('lending.nav') },
        can('request.dispatch') && { key: '/demand-peaks', icon: <HeatMapOutlined />, label: t('peaks.nav') },
        can('staff.read') && { key: '/roster', icon: <ScheduleOutlined />, label: t('roster.nav') },
        can('plan.manage') && { key: '/service-catalog', icon: <ProfileOutlined />, label: t('catalog.nav') },
      ]),
      group('plan', t('nav.groups.plan'), [
        can('plan.read') && { key: '/plan', icon: <SolutionOutlined />, label: t('nav.plan') },
        (can('visit.record') || can('agenda.team')) && {
          key: '/visits',
          icon: <SmileOutlined />,
          label: t('nav.visits'),
        },
        // Guards record home safety checks (S2) only: their list of checks and the form.
        !can('visit.record') &&
          !can('agenda.team') &&
          can('visit.safety_check') && {
            key: '/visits',
            icon: <SafetyCertificateOutlined />,
            label: t('guardVisit.nav'),
          },
        (can('plan.manage') || role === 'squad_leader') && {
          key: '/loyal-groups',
          icon: <HeartOutlined />,
          label: t('nav.loyalGroups'),
        },
        can('kpi.read') && { key: '/kpi', icon: <FundOutlined />, label: t('nav.kpi') },
        can('plan.read') && { key: '/organizations', icon: <ClusterOutlined />, label: t('orgs.nav') },
        can('plan.read') && { key: '/care-plan', icon: <GiftOutlined />, label: t('carePlan.nav') },
        can('kpi.read') && { key: '/journey', icon: <RiseOutlined />, label: t('journey.nav') },
      ]),
      group('reach', t('outbox.nav.group'), [
        can('campaign.manage') && {
          key: '/campaigns',
          icon: <NotificationOutlined />,
          label: t('outbox.nav.campaigns'),
        },
        can('message.read') && { key: '/outbox', icon: <MailOutlined />, label: t('outbox.nav.outbox') },
        can('message.read') && { key: '/tips', icon: <BulbOutlined />, label: t('tips.nav') },
        can('message.read') && {
          key: '/message-templates',
          icon: <FileTextOutlined />,
          label: t('outbox.nav.templates'),
        },
        can('provider.manage') && {
          key: '/providers',
          icon: <ApiOutlined />,
          label: t('outbox.nav.providers'),
        },
        can('board.manage') && { key: '/boards', icon: <DesktopOutlined />, label: t('outbox.nav.boards') },
        can('weather.enter') && {
          key: '/weather-entry',
          icon: <CloudOutlined />,
          label: t('outbox.nav.weatherEntry'),
        },
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
