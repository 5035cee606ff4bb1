import { z } from 'zod';

export const TEAM_CODES = ['security', 'service', 'environment', 'technical', 'management'] as const;
export const TeamCode = z.enum(TEAM_CODES);
export type TeamCode = z.infer<typeof TeamCode>;

export const Estate = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  city: z.string(),
  timeZone: z.string(),
  address: z.string().nullable(),
  counts: z.object({ buildings: z.number(), rooms: z.number(), households: z.number(), staff: z.number() }),
});
export type Estate = z.infer<typeof Estate>;

export const Building = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  floors: z.number().nullable(),
  units: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), rooms: z.number() })),
  butlers: z.array(z.object({ id: z.string(), displayName: z.string() })),
  households: z.number(),
});
export type Building = z.infer<typeof Building>;

export const Room = z.object({
  id: z.string(),
  buildingId: z.string(),
  unitId: z.string(),
  number: z.string(),
  floor: z.number().nullable(),
  areaM2: z.number().nullable(),
  roomCode: z.string().describe('Canonical notation 3-2-501 (building-unit-room)'),
  householdId: z.string().nullable(),
});
export type Room = z.infer<typeof Room>;

export const Entrance = z.object({ id: z.string(), name: z.string(), kind: z.string(), isMain: z.boolean() });
export type Entrance = z.infer<typeof Entrance>;

export const Team = z.object({
  id: z.string(),
  code: TeamCode,
  name: z.string(),
  nameEn: z.string(),
  members: z.number(),
});
export type Team = z.infer<typeof Team>;

export const Post = z.object({
  id: z.string(),
  name: z.string(),
  teamId: z.string(),
  entranceId: z.string().nullable(),
  shift: z.string().nullable(),
});
export type Post = z.infer<typeof Post>;

export const StaffMember = z.object({
  accountId: z.string(),
  displayName: z.string(),
  role: z.string(),
  teamId: z.string().nullable(),
  teamCode: z.string().nullable(),
  position: z.string().nullable(),
  phone: z.string().nullable().describe('Masked'),
  status: z.string(),
  buildings: z.array(z.string()).describe('Building codes this butler is responsible for'),
});
export type StaffMember = z.infer<typeof StaffMember>;

export const RoomsQuery = z.object({
  buildingId: z.string().optional(),
  unitId: z.string().optional(),
});

/** Create an estate (admin): the five teams are created with it. */
export const CreateEstateBody = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9-]{1,31}$/, 'lowercase letters, digits and -, starting with a letter'),
    name: z.string().trim().min(1).max(60),
    nameEn: z.string().trim().max(80).nullable().optional(),
    city: z.string().trim().min(1).max(30),
    timeZone: z.string().trim().min(1).max(60).default('Asia/Shanghai'),
    address: z.string().trim().max(200).nullable().optional(),
  })
  .strict();
export type CreateEstateBody = z.infer<typeof CreateEstateBody>;

/** Replace the butlers (楼栋管家) responsible for a building. */
export const SetBuildingButlersBody = z
  .object({
    accountIds: z.array(z.string().min(1).max(64)).max(10).describe('Butler accounts working in this estate'),
  })
  .strict();
