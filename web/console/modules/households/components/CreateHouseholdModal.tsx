import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, Divider, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { householdsApi } from '../../../../api/endpoints';
import { MEMBER_ROLES, OCCUPANCIES, type Occupancy } from '../../../../api/enums';
import { applyFieldErrors } from '../../../forms/fieldErrors';
import { useBuildings } from '../../../hooks/useBuildings';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { useRooms } from '../../../hooks/useRooms';
import { useEstate } from '../../../session/useEstate';

interface CreateForm {
  buildingId?: string;
  unitId?: string;
  roomId?: string;
  occupancy: Occupancy;
  primaryName?: string;
  primaryRole: (typeof MEMBER_ROLES)[number];
  primaryPhone?: string;
}

export interface RoomPreset {
  buildingId?: string;
  unitId?: string;
  roomId?: string;
}

/** 新建档案: pick building → unit → a room without a household, then the first resident. */
export function CreateHouseholdModal({
  open,
  onClose,
  preset,
}: {
  open: boolean;
  onClose: () => void;
  preset?: RoomPreset;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { estateId } = useEstate();
  const [form] = Form.useForm<CreateForm>();
  const buildingId = Form.useWatch('buildingId', form);
  const unitId = Form.useWatch('unitId', form);
  const buildings = useBuildings(estateId);
  const rooms = useRooms(estateId, buildingId, unitId);
  const building = buildings.data?.find((b) => b.id === buildingId);
  const freeRooms = (rooms.data ?? []).filter(
    (r) => r.householdId === null && (!unitId || r.unitId === unitId),
  );

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ occupancy: 'owner_occupied', primaryRole: 'owner', ...preset });
    }
  }, [open, preset, form]);

  const create = useMutation({
    mutationFn: (v: CreateForm) =>
      householdsApi.create({
        estateId,
        roomId: v.roomId!,
        occupancy: v.occupancy,
        members: v.primaryName?.trim()
          ? [
              {
                name: v.primaryName.trim(),
                role: v.primaryRole,
                phone: v.primaryPhone?.trim() || null,
                isPrimary: true,
              },
            ]
          : [],
      }),
    onSuccess: (h) => {
      message.success(t('households.create.created', { room: h.roomCode }));
      void queryClient.invalidateQueries({ queryKey: ['households'] });
      void queryClient.invalidateQueries({ queryKey: ['estates'] });
      onClose();
      navigate(`/households/${h.id}`);
    },
    onError: (err) => {
      applyFieldErrors(form, err, (p) => {
        if (p[0] === 'members' && p[2] === 'name') return ['primaryName'];
        if (p[0] === 'members' && p[2] === 'phone') return ['primaryPhone'];
        if (p[0] === 'roomId' || p[0] === 'occupancy') return [p[0]];
        return null;
      });
      notifyError(err);
    },
  });

  return (
    <Modal
      title={t('households.create.title')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={560}
    >
      <Form<CreateForm>
        form={form}
        layout="vertical"
        onFinish={(v) => create.mutate(v)}
        name="create-household"
      >
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item
              name="buildingId"
              label={t('households.fields.building')}
              rules={[{ required: true, message: t('households.create.pickBuilding') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={buildings.isPending}
                placeholder={t('households.create.pickBuilding')}
                options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
                onChange={() => form.setFieldsValue({ unitId: undefined, roomId: undefined })}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="unitId"
              label={t('households.fields.unit')}
              rules={[{ required: true, message: t('households.create.pickUnit') }]}
            >
              <Select
                disabled={!building}
                placeholder={t('households.create.pickUnit')}
                options={(building?.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
                onChange={() => form.setFieldsValue({ roomId: undefined })}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="roomId"
              label={t('households.fields.room')}
              rules={[{ required: true, message: t('households.create.pickRoom') }]}
              extra={
                unitId && rooms.isSuccess && freeRooms.length === 0
                  ? t('households.create.noFreeRooms')
                  : undefined
              }
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                disabled={!unitId}
                loading={rooms.isFetching}
                placeholder={t('households.create.pickRoom')}
                options={freeRooms.map((r) => ({ value: r.id, label: `${r.number}（${r.roomCode}）` }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="occupancy" label={t('households.fields.occupancy')} rules={[{ required: true }]}>
          <Select options={OCCUPANCIES.map((o) => ({ value: o, label: t(`enums.occupancy.${o}`) }))} />
        </Form.Item>
        <Divider titlePlacement="start" plain style={{ marginTop: 4 }}>
          {t('households.create.primaryResident')}
        </Divider>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('households.create.primaryHint')}
        </Typography.Paragraph>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="primaryName" label={t('households.member.name')} rules={[{ max: 40 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="primaryRole" label={t('households.member.role')}>
              <Select options={MEMBER_ROLES.map((r) => ({ value: r, label: t(`enums.memberRole.${r}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="primaryPhone"
              label={t('households.member.phone')}
              rules={[{ pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8})$/, message: t('validation.phone') }]}
            >
              <Input inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
