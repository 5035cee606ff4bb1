import { DesktopOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Empty, Flex, QRCode, Row, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useBoards } from '../hooks/useBoardAdmin';

/** One card per entrance: its board's address to open on the screen at the gate, and a QR code. */
export function BoardLinks({ estateId }: { estateId: string }) {
  const { t } = useTranslation();
  const q = useBoards(estateId);
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  if (q.isPending) return <Skeleton active />;
  const items = q.data.items;
  if (!items.length) return <Empty description={t('boardAdmin.boards.none')} />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('boardAdmin.boards.help')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {items.map((b) => (
          <Col key={b.entranceId} xs={24} sm={12} xl={8}>
            <Card size="small" data-testid={`board-link-${b.entranceId}`}>
              <Flex gap={12} align="flex-start">
                <QRCode value={b.url} size={112} bordered={false} />
                <Flex vertical gap={4} style={{ minWidth: 0 }}>
                  <Flex gap={6} wrap align="center">
                    <Typography.Text strong>{b.name}</Typography.Text>
                    {b.isMain ? <Tag color="blue">{t('boardAdmin.boards.main')}</Tag> : null}
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`enums.entranceKind.${b.kind}`, { defaultValue: b.kind })}
                  </Typography.Text>
                  <a href={b.path} target="_blank" rel="noreferrer" data-testid="board-open">
                    <DesktopOutlined /> {t('boardAdmin.boards.open')}
                  </a>
                  <Typography.Text
                    copyable={{ text: b.url }}
                    style={{ fontSize: 12, wordBreak: 'break-all' }}
                  >
                    {t('boardAdmin.boards.copy')}
                  </Typography.Text>
                </Flex>
              </Flex>
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
