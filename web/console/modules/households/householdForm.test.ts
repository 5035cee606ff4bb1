import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { CustomFieldDef, Household } from '../../../api/types';
import { tabOfPath, toFormValues, toUpdateBody } from './householdForm';

const household: Household = {
  id: 'h1',
  estateId: 'e1',
  roomId: 'r1',
  roomCode: '3-2-501',
  buildingId: 'b3',
  occupancy: 'owner_occupied',
  primaryName: '王秀兰',
  primaryPhone: '138****5678',
  memberCount: 2,
  careFlags: ['elderly_alone'],
  tags: ['热心'],
  updatedAt: '2026-03-01T08:00:00.000Z',
  moveInDate: '2019-05-01',
  familyStructure: '独居',
  hobbies: ['太极'],
  skills: [],
  preferredChannel: 'phone',
  preferredHours: '上午',
  notes: null,
  customFields: { parking_no: 'B-12', legacy: 'keep me' },
  members: [
    {
      id: 'm1',
      name: '王秀兰',
      relation: '本人',
      role: 'owner',
      phone: '138****5678',
      email: 'w***@example.com',
      ageBand: '80plus',
      isPrimary: true,
    },
    {
      id: 'm2',
      name: '李强',
      relation: '儿子',
      role: 'family',
      phone: '139****0000',
      email: null,
      ageBand: '40to59',
      isPrimary: false,
    },
  ],
  pets: [{ id: 'p1', kind: 'cat', name: '咪咪', size: null, vaccinatedUntil: '2026-09-30', notes: null }],
  vehicles: [{ id: 'v1', plate: '京A12345', tailDigit: 5, restrictionReminder: true }],
  version: 7,
  createdAt: '2025-01-01T00:00:00.000Z',
  sensitiveSummary: { health: 1, minor: 0, away: 0 },
};

const defs: CustomFieldDef[] = [
  {
    id: 'f1',
    key: 'parking_no',
    label: '车位号',
    labelEn: 'Parking',
    type: 'text',
    options: [],
    sort: 1,
    active: true,
  },
  {
    id: 'f2',
    key: 'insured_on',
    label: '投保日',
    labelEn: null,
    type: 'date',
    options: [],
    sort: 2,
    active: true,
  },
];

describe('household edit form', () => {
  it('never sends a stored (masked) phone back, only a newly typed one', () => {
    const values = toFormValues(household, defs);
    expect(values.members[0].phone).toBe('');
    expect(values.members[0].storedPhone).toBe('138****5678');
    values.members[1].phone = ' 13912345678 ';
    const body = toUpdateBody(values, household, defs);
    expect(body.version).toBe(7);
    expect(body.members?.[0]).not.toHaveProperty('phone');
    expect(body.members?.[0].id).toBe('m1');
    expect(body.members?.[1]).toMatchObject({ id: 'm2', phone: '13912345678' });
    expect(JSON.stringify(body)).not.toContain('****');
  });

  it('keeps a stored e-mail unless it is changed or emptied, never echoing a masked one', () => {
    const values = toFormValues(household, defs);
    expect(values.members[0]).toMatchObject({ email: 'w***@example.com', storedEmail: 'w***@example.com' });
    expect(values.members[1]).toMatchObject({ email: '', storedEmail: null });
    const unchanged = toUpdateBody(values, household, defs);
    expect(unchanged.members?.[0]).not.toHaveProperty('email');
    expect(unchanged.members?.[1]).not.toHaveProperty('email');
    expect(JSON.stringify(unchanged)).not.toContain('***');

    values.members[0].email = '   ';
    values.members[1].email = ' li.qiang@example.com ';
    const changed = toUpdateBody(values, household, defs);
    expect(changed.members?.[0]).toMatchObject({ id: 'm1', email: null });
    expect(changed.members?.[1]).toMatchObject({ id: 'm2', email: 'li.qiang@example.com' });
  });

  it('sends a full stored e-mail only when it was edited', () => {
    const full: Household = {
      ...household,
      members: household.members.map((m) => (m.id === 'm1' ? { ...m, email: 'wang@example.com' } : m)),
    };
    const values = toFormValues(full, defs);
    expect(toUpdateBody(values, full, defs).members?.[0]).not.toHaveProperty('email');
    values.members[0].email = 'wang.xl@example.com';
    expect(toUpdateBody(values, full, defs).members?.[0]).toMatchObject({ email: 'wang.xl@example.com' });
  });

  it('adds a new member without an id and turns dates and blanks into API values', () => {
    const values = toFormValues(household, defs);
    values.members.push({ name: ' 小明 ', role: 'family', ageBand: 'under14', phone: '', email: '' });
    values.members.push({ name: '小红', role: 'family', email: 'xiaohong@example.com' });
    values.moveInDate = dayjs('2020-02-03');
    values.notes = '   ';
    values.customFields.insured_on = dayjs('2026-04-05');
    values.vehicles[0].plate = '京b66666';
    const body = toUpdateBody(values, household, defs);
    expect(body.members?.[2]).toEqual({
      name: '小明',
      relation: null,
      role: 'family',
      ageBand: 'under14',
      isPrimary: false,
    });
    expect(body.members?.[3]).toMatchObject({ name: '小红', email: 'xiaohong@example.com' });
    expect(body.members?.[3]).not.toHaveProperty('id');
    expect(body.moveInDate).toBe('2020-02-03');
    expect(body.notes).toBeNull();
    expect(body.customFields).toEqual({ parking_no: 'B-12', legacy: 'keep me', insured_on: '2026-04-05' });
    expect(body.vehicles?.[0]).toEqual({ id: 'v1', plate: '京B66666', restrictionReminder: true });
    expect(body.pets?.[0]).toMatchObject({ id: 'p1', vaccinatedUntil: '2026-09-30', size: null });
  });

  it('maps server error paths to the tab that shows the field', () => {
    expect(tabOfPath(['members', 1, 'phone'])).toBe('members');
    expect(tabOfPath(['members', 0, 'email'])).toBe('members');
    expect(tabOfPath(['vehicles', 0, 'plate'])).toBe('vehicles');
    expect(tabOfPath(['customFields', 'parking_no'])).toBe('custom');
    expect(tabOfPath(['notes'])).toBe('basic');
  });
});
