import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Dropdown, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { authApi } from '../../api/endpoints';
import { useCurrentUser } from '../session/useCurrentUser';

/** Avatar with the user's name and role; the dropdown signs out. */
export function UserMenu({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const { data: me } = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  if (!me) return null;
  const logout = async () => {
    try {
      await authApi.logout();
    } catch {
      // the session may already be gone; leave anyway
    }
    queryClient.clear();
    navigate('/login', { replace: true });
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'who',
            disabled: true,
            label: (
              <div style={{ minWidth: 160 }}>
                <div style={{ color: 'rgba(0,0,0,0.88)' }}>{me.displayName}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {me.username ?? ''} · {t(`enums.role.${me.role}`)}
                </Typography.Text>
              </div>
            ),
          },
          { type: 'divider' },
          {
            key: 'logout',
            icon: <LogoutOutlined />,
            label: t('shell.logout'),
            danger: true,
            onClick: () => void logout(),
          },
        ],
      }}
    >
      <Flex
        component="button"
        data-testid="user-menu"
        align="center"
        gap={8}
        style={{ cursor: 'pointer', background: 'none', border: 0, padding: '4px 6px', font: 'inherit' }}
      >
        <Avatar size="small" style={{ background: '#1668dc' }} icon={<UserOutlined />} />
        {compact ? null : (
          <>
            <span>{me.displayName}</span>
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>
              {t(`enums.role.${me.role}`)}
            </Tag>
          </>
        )}
        <DownOutlined style={{ fontSize: 10, color: 'rgba(0,0,0,0.45)' }} />
      </Flex>
    </Dropdown>
  );
}
