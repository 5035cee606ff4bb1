import {
  CheckCircleOutlined,
  CloudUploadOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  InboxOutlined,
  SafetyOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Radio,
  Result,
  Row,
  Statistic,
  Steps,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { householdsApi } from '../../../../api/endpoints';
import type { ImportMode, ImportResult } from '../../../../api/types';
import { estateName } from '../../../../ui/format';
import { PageHeader } from '../../../../ui/PageHeader';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { useCan } from '../../../session/useCan';
import { useEstate } from '../../../session/useEstate';

type ImportError = ImportResult['errors'][number];

/** 导入导出: Excel template, a dry run that lists every problem by row and column, then the import. */
export function ImportExportPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const can = useCan();
  const { estateId, estate } = useEstate();
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const [params] = useSearchParams();
  // `?createRooms=1`: coming from 新建项目, whose rooms come with the roster.
  const [createRooms, setCreateRooms] = useState(() => params.get('createRooms') === '1');
  const [file, setFile] = useState<File | null>(null);
  const [check, setCheck] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [downloading, setDownloading] = useState<'template' | 'export' | null>(null);

  const reset = (nextFile: File | null) => {
    setFile(nextFile);
    setCheck(null);
    setDone(null);
  };

  const run = useMutation({
    mutationFn: (dryRun: boolean) => householdsApi.import(estateId, mode, dryRun, file!, createRooms),
    onSuccess: (r, dryRun) => {
      if (dryRun) {
        setCheck(r);
      } else {
        setDone(r);
        message.success(t('importExport.importedToast', { count: r.imported + (r.updated ?? 0) }));
        void queryClient.invalidateQueries({ queryKey: ['households'] });
        void queryClient.invalidateQueries({ queryKey: ['estates'] });
      }
    },
    onError: notifyError,
  });

  const download = async (what: 'template' | 'export') => {
    setDownloading(what);
    try {
      if (what === 'template') await householdsApi.template(`${t('importExport.templateFileName')}.xlsx`);
      else await householdsApi.export({ estateId }, `${t('households.exportFileName')}.xlsx`);
    } catch (err) {
      notifyError(err);
    } finally {
      setDownloading(null);
    }
  };

  const blocked = !!check && mode === 'all_or_nothing' && check.errors.length > 0;
  const step = done ? 4 : check ? 2 : file ? 1 : 0;

  return (
    <div>
      <PageHeader
        title={t('importExport.title')}
        subtitle={t('importExport.subtitle', { estate: estateName(estate, i18n.language) })}
      />
      <Row gutter={[16, 16]}>
        {can('household.import') ? (
          <Col xs={24} xl={16}>
            <Card
              title={
                <span>
                  <CloudUploadOutlined /> {t('importExport.importTitle')}
                </span>
              }
            >
              <Steps
                size="small"
                current={step}
                style={{ marginBottom: 24 }}
                items={[
                  { title: t('importExport.steps.file') },
                  { title: t('importExport.steps.check') },
                  { title: t('importExport.steps.confirm') },
                  { title: t('importExport.steps.done') },
                ]}
              />
              <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
                <Button
                  icon={<FileExcelOutlined />}
                  loading={downloading === 'template'}
                  onClick={() => void download('template')}
                  data-testid="import-template"
                >
                  {t('importExport.downloadTemplate')}
                </Button>
                <Typography.Text type="secondary">{t('importExport.templateHint')}</Typography.Text>
              </Flex>

              <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
                {t('importExport.mode')}
              </Typography.Text>
              <Radio.Group
                value={mode}
                onChange={(e) => {
                  setMode(e.target.value);
                  setCheck(null);
                  setDone(null);
                }}
                style={{ marginBottom: 16, width: '100%' }}
                data-testid="import-mode"
              >
                <Row gutter={[12, 12]}>
                  {(['all_or_nothing', 'valid_rows'] as const).map((m) => (
                    <Col key={m} xs={24} md={12}>
                      <Card
                        size="small"
                        style={{ height: '100%', borderColor: mode === m ? '#1668dc' : undefined }}
                      >
                        <Radio value={m}>
                          <Typography.Text strong>{t(`importExport.modes.${m}`)}</Typography.Text>
                        </Radio>
                        <Typography.Paragraph
                          type="secondary"
                          style={{ margin: '4px 0 0 24px', fontSize: 12 }}
                        >
                          {t(`importExport.modes.${m}Hint`)}
                        </Typography.Paragraph>
                      </Card>
                    </Col>
                  ))}
                </Row>
              </Radio.Group>

              <Checkbox
                checked={createRooms}
                onChange={(e) => {
                  setCreateRooms(e.target.checked);
                  setCheck(null);
                  setDone(null);
                }}
                style={{ marginBottom: 4 }}
                data-testid="import-create-rooms"
              >
                {t('importExport.createRooms')}
              </Checkbox>
              <Typography.Paragraph type="secondary" style={{ margin: '0 0 16px 24px', fontSize: 12 }}>
                {t('importExport.createRoomsHint')}
              </Typography.Paragraph>

              <div data-testid="import-upload">
                <Upload.Dragger
                  accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  maxCount={1}
                  multiple={false}
                  beforeUpload={(f) => {
                    reset(f);
                    return false;
                  }}
                  onRemove={() => reset(null)}
                  fileList={
                    file
                      ? [{ uid: 'import-file', name: file.name, size: file.size, status: 'done' as const }]
                      : []
                  }
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">{t('importExport.dropHint')}</p>
                  <p className="ant-upload-hint">{t('importExport.dropSubHint')}</p>
                </Upload.Dragger>
              </div>

              <Flex gap={8} wrap style={{ marginTop: 16 }}>
                <Button
                  icon={<SafetyOutlined />}
                  disabled={!file || !estateId}
                  loading={run.isPending && run.variables === true}
                  onClick={() => run.mutate(true)}
                  data-testid="import-dry-run"
                >
                  {t('importExport.dryRun')}
                </Button>
                <Button
                  type="primary"
                  icon={<CheckCircleOutlined />}
                  disabled={!check || blocked || !!done || changesOf(check) === 0}
                  loading={run.isPending && run.variables === false}
                  onClick={() => run.mutate(false)}
                  data-testid="import-confirm"
                >
                  {t('importExport.confirm')}
                </Button>
              </Flex>

              {check && !done ? (
                <div style={{ marginTop: 20 }} data-testid="import-check">
                  <ImportCounts result={check} />
                  <Alert
                    type={check.errors.length ? (blocked ? 'error' : 'warning') : 'success'}
                    showIcon
                    title={
                      check.errors.length
                        ? t('importExport.checkWithErrors', {
                            errors: check.errorCount ?? check.errors.length,
                          })
                        : changesOf(check) === 0
                          ? t('importExport.checkNothing')
                          : t('importExport.checkOk')
                    }
                    description={
                      blocked
                        ? t('importExport.blockedHint')
                        : check.errors.length
                          ? t('importExport.validRowsHint')
                          : undefined
                    }
                    style={{ marginBottom: 12 }}
                  />
                  {check.errors.length ? (
                    <Table<ImportError & { key: number }>
                      size="small"
                      rowKey="key"
                      dataSource={check.errors.map((e, i) => ({ ...e, key: i }))}
                      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
                      scroll={{ x: 'max-content' }}
                      columns={[
                        ...(check.errors.some((e) => e.sheet)
                          ? [{ title: t('importExport.sheet'), dataIndex: 'sheet', width: 110 }]
                          : []),
                        {
                          title: t('importExport.row'),
                          dataIndex: 'row',
                          width: 100,
                          render: (v: number) => t('importExport.rowN', { n: v }),
                          sorter: (a, b) => a.row - b.row,
                        },
                        { title: t('importExport.column'), dataIndex: 'column', width: 140 },
                        { title: t('importExport.problem'), dataIndex: 'message' },
                      ]}
                    />
                  ) : null}
                </div>
              ) : null}

              {done ? (
                <Result
                  status="success"
                  title={t('importExport.doneTitle')}
                  subTitle={<ImportCounts result={done} />}
                  extra={<Button onClick={() => reset(null)}>{t('importExport.again')}</Button>}
                />
              ) : null}
            </Card>
          </Col>
        ) : null}
        {can('household.export') ? (
          <Col xs={24} xl={8}>
            <Card
              title={
                <span>
                  <DownloadOutlined /> {t('importExport.exportTitle')}
                </span>
              }
            >
              <Statistic
                title={t('importExport.exportScope')}
                value={estateName(estate, i18n.language) || '—'}
                styles={{ content: { fontSize: 18 } }}
              />
              <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
                {t('importExport.exportHint')}
              </Typography.Paragraph>
              <Button
                type="primary"
                icon={<DownloadOutlined />}
                block
                loading={downloading === 'export'}
                disabled={!estateId}
                onClick={() => void download('export')}
                data-testid="export-households"
              >
                {t('households.export')}
              </Button>
            </Card>
          </Col>
        ) : null}
      </Row>
    </div>
  );
}

/** How many households an import creates or changes. */
function changesOf(r: ImportResult): number {
  return r.imported + (r.updated ?? 0);
}

/** New / updated / unchanged / skipped counts of a check or an import, and what it creates. */
function ImportCounts({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const items: { key: string; value: number | undefined; color?: string }[] = [
    { key: 'imported', value: result.imported, color: '#389e0d' },
    { key: 'updated', value: result.updated, color: '#1668dc' },
    { key: 'unchanged', value: result.unchanged },
    { key: 'skipped', value: result.skipped, color: result.skipped ? '#d46b08' : undefined },
  ];
  const created = {
    buildings: result.createdBuildings ?? 0,
    units: result.createdUnits ?? 0,
    rooms: result.createdRooms ?? 0,
  };
  return (
    <div style={{ marginBottom: 16 }} data-testid="import-counts">
      <Flex gap={32} wrap justify="center">
        {items
          .filter((i) => i.value !== undefined)
          .map((i) => (
            <Statistic
              key={i.key}
              title={t(`importExport.counts.${i.key}`)}
              value={i.value}
              styles={{ content: { color: i.color } }}
            />
          ))}
      </Flex>
      {created.buildings + created.units + created.rooms > 0 ? (
        <Typography.Paragraph
          type="secondary"
          style={{ textAlign: 'center', margin: '12px 0 0' }}
          data-testid="import-created"
        >
          {t(result.dryRun ? 'importExport.createdWillBe' : 'importExport.createdDone', created)}
        </Typography.Paragraph>
      ) : null}
    </div>
  );
}
