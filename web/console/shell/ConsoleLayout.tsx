import { MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Layout, Menu, Spin } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { setDisplayTimeZone } from '../../ui/format';
import { LangSwitch } from '../../ui/LangSwitch';
import { useIsMobile } from '../hooks/useIsMobile';
import { useEstate } from '../session/useEstate';
import { Brand } from './Brand';
import { EstateSwitcher } from './EstateSwitcher';
import { UserMenu } from './UserMenu';
import { useNavItems } from './useNavItems';

const SIDER_WIDTH = 220;

/** The signed-in frame: side menu (a drawer on phones), header with estate, language and user. */
export function ConsoleLayout() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const navItems = useNavItems();
  // Times on every page read in the working estate's zone. Set during render (idempotent), so
  // the pages below, which render after the layout, already format with it.
  setDisplayTimeZone(useEstate().estate?.timeZone);
  // A collapsed side bar has no room for group titles: show the groups' entries between dividers.
  const items =
    collapsed && !isMobile
      ? navItems.flatMap((i) =>
          i && 'type' in i && i.type === 'group'
            ? [{ type: 'divider' as const, key: `d-${i.key}` }, ...(i.children ?? [])]
            : [i],
        )
      : navItems;
  const selected = navKeyOf(location.pathname);

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[selected]}
      items={items}
      onClick={({ key }) => {
        navigate(key);
        setDrawerOpen(false);
      }}
      style={{ borderInlineEnd: 0 }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {isMobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={SIDER_WIDTH + 20}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' }, header: { display: 'none' } }}
        >
          <div style={{ padding: '16px 20px' }}>
            <Brand />
          </div>
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider
          width={SIDER_WIDTH}
          collapsible
          collapsed={collapsed}
          trigger={null}
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <div
            style={{
              height: 64,
              display: 'flex',
              alignItems: 'center',
              padding: collapsed ? '0 24px' : '0 20px',
            }}
          >
            <Brand compact={collapsed} />
          </div>
          {menu}
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 10,
            background: '#fff',
            padding: isMobile ? '0 8px' : '0 20px',
            height: 56,
            lineHeight: '56px',
            borderBottom: '1px solid #f0f0f0',
            display: 'flex',
            alignItems: 'center',
            gap: 8,
          }}
        >
          <Button
            type="text"
            aria-label={t('shell.toggleMenu')}
            data-testid="menu-toggle"
            icon={isMobile ? <MenuOutlined /> : collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => (isMobile ? setDrawerOpen(true) : setCollapsed((c) => !c))}
          />
          <EstateSwitcher width={isMobile ? 150 : 220} />
          <Flex align="center" gap={isMobile ? 2 : 8} style={{ marginInlineStart: 'auto' }}>
            <LangSwitch type="text" size={isMobile ? 'small' : 'middle'} />
            <UserMenu compact={isMobile} />
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          <Suspense
            fallback={
              <Flex justify="center" style={{ padding: 80 }}>
                <Spin />
              </Flex>
            }
          >
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** Menu entries below another entry's path (`/requests/new` is not the board `/requests`). */
const OWN_ENTRIES = new Set(['/requests/new', '/requests/mine']);

/** Which menu entry a path belongs to (`/households/123` → `/households`). */
function navKeyOf(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, '');
  if (OWN_ENTRIES.has(trimmed)) return trimmed;
  const first = pathname.split('/').filter(Boolean)[0];
  return first ? `/${first}` : '/';
}
