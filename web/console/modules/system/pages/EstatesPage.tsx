import { PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Estate } from '../../../../api/types';
import { PageHeader } from '../../../../ui/PageHeader';
import { useEstates } from '../../../hooks/useEstates';
import { useCan } from '../../../session/useCan';
import { useEstate } from '../../../session/useEstate';
import { CreateEstateModal, EstateCreatedModal } from '../components/CreateEstateModal';

/** 项目管理 (head office): every estate with its counts; 新建项目. */
export function EstatesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const queryClient = useQueryClient();
  const estates = useEstates();
  const { estateId, estates: mine, setEstateId } = useEstate();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Estate | null>(null);

  const switchTo = (id: string) => {
    if (id === estateId) return;
    setEstateId(id);
    void queryClient.invalidateQueries({ queryKey: ['households'] });
  };

  return (
    <div>
      <PageHeader
        title={t('estates.title')}
        subtitle={t('estates.subtitle')}
        extra={
          can('estate.create') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="estate-create"
            >
              {t('estates.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        {estates.isError ? (
          <Alert type="error" showIcon title={estates.error.message} style={{ marginBottom: 12 }} />
        ) : null}
        <Table<Estate>
          rowKey="id"
          size="middle"
          loading={estates.isPending}
          dataSource={estates.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('estates.empty') }}
          columns={[
            {
              title: t('estates.name'),
              dataIndex: 'name',
              fixed: 'left',
              render: (_: string, e) => (
                <div style={{ minWidth: 120 }}>
                  <Typography.Text strong>{e.name}</Typography.Text>
                  {e.id === estateId ? (
                    <Tag color="blue" style={{ marginInlineStart: 6 }}>
                      {t('estates.current')}
                    </Tag>
                  ) : null}
                  {e.nameEn ? (
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {e.nameEn}
                      </Typography.Text>
                    </div>
                  ) : null}
                </div>
              ),
            },
            {
              title: t('estates.code'),
              dataIndex: 'code',
              render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
            },
            { title: t('estates.city'), dataIndex: 'city' },
            {
              title: t('estates.buildings'),
              key: 'buildings',
              align: 'right',
              render: (_: unknown, e) => e.counts.buildings,
            },
            {
              title: t('estates.rooms'),
              key: 'rooms',
              align: 'right',
              render: (_: unknown, e) => e.counts.rooms,
            },
            {
              title: t('estates.households'),
              key: 'households',
              align: 'right',
              render: (_: unknown, e) => e.counts.households,
            },
            {
              title: t('estates.staff'),
              key: 'staff',
              align: 'right',
              render: (_: unknown, e) => e.counts.staff,
            },
            { title: t('estates.timeZone'), dataIndex: 'timeZone' },
            {
              title: t('estates.address'),
              dataIndex: 'address',
              render: (v: string | null) => v || '—',
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_: unknown, e) =>
                e.id === estateId || !mine.some((m) => m.id === e.id) ? null : (
                  <Button
                    type="link"
                    size="small"
                    icon={<SwapOutlined />}
                    data-testid={`estate-switch-${e.code}`}
                    onClick={() => switchTo(e.id)}
                  >
                    {t('estates.switchTo')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <CreateEstateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(e) => {
          setCreating(false);
          setCreated(e);
        }}
      />
      <EstateCreatedModal
        estate={created}
        onClose={() => setCreated(null)}
        onSwitchAndImport={(e) => {
          setCreated(null);
          switchTo(e.id);
          navigate('/import-export?createRooms=1');
        }}
      />
    </div>
  );
}
