import { describe, expect, it } from 'vitest';
import { parseRoomQuery, roomSortKey } from './room-notation.js';

describe('parseRoomQuery', () => {
  it.each([
    ['3-2-501', { building: '3', unit: '2', room: '501' }],
    ['3—2—501', { building: '3', unit: '2', room: '501' }],
    ['3/2/501', { building: '3', unit: '2', room: '501' }],
    ['3 2 501', { building: '3', unit: '2', room: '501' }],
    ['３－２－５０１', { building: '3', unit: '2', room: '501' }],
    ['3栋2单元501', { building: '3', unit: '2', room: '501' }],
    ['3号楼2单元501室', { building: '3', unit: '2', room: '501' }],
    ['3幢2单元501号', { building: '3', unit: '2', room: '501' }],
    ['三栋二单元501', { building: '3', unit: '2', room: '501' }],
    ['十二号楼1单元1201', { building: '12', unit: '1', room: '1201' }],
    ['A座1单元1201', { building: 'A', unit: '1', room: '1201' }],
    ['3栋 2单元 501室', { building: '3', unit: '2', room: '501' }],
    ['3-501', { building: '3', room: '501' }],
    ['3-2', { building: '3', unit: '2' }],
    ['1-1', { building: '1', unit: '1' }],
    ['3栋501', { building: '3', room: '501' }],
    ['3栋2单元', { building: '3', unit: '2' }],
    ['3号楼', { building: '3' }],
    ['501', { room: '501' }],
    ['501室', { room: '501' }],
  ])('%s', (input, expected) => {
    expect(parseRoomQuery(input)).toEqual(expected);
  });

  it.each(['王建国', '绿植', '13812345678', 'abc', ''])('%s is not a room', (input) => {
    expect(parseRoomQuery(input)).toBeUndefined();
  });
});

describe('roomSortKey', () => {
  it('orders rooms naturally', () => {
    const codes = ['10-1-101', '2-1-1201', '2-1-201', '2-2-101', 'A-1-101'];
    const sorted = [...codes].sort((a, b) => roomSortKey(a).localeCompare(roomSortKey(b)));
    expect(sorted).toEqual(['2-1-201', '2-1-1201', '2-2-101', '10-1-101', 'A-1-101']);
  });
});
