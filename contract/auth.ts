import { z } from 'zod';

/** Every role of the product. Staff roles are scoped to estates; residents to their household. */
export const ROLES = [
  'admin',
  'manager',
  'butler',
  'culture',
  'guard',
  'squad_leader',
  'technician',
  'cleaner',
  'env_supervisor',
  'resident',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const LoginBody = z
  .object({
    username: z.string().trim().min(1).max(64).describe('Username or phone number'),
    password: z.string().min(1).max(200),
  })
  .strict();

export const EstateRef = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  /** IANA zone; the console shows times in it. */
  timeZone: z.string(),
});
export type EstateRef = z.infer<typeof EstateRef>;

export const CurrentUser = z.object({
  id: z.string(),
  username: z.string().nullable(),
  displayName: z.string(),
  role: Role,
  estates: z.array(EstateRef).describe('Estates this account may act in'),
  capabilities: z
    .array(z.string())
    .describe('What the UI may offer: e.g. household.edit, sensitive.read.health'),
});
export type CurrentUser = z.infer<typeof CurrentUser>;

/** Password rules (ASVS 6.2): 10–128 characters, not a common password, not the username. */
export const PASSWORD_MIN = 10;

export const Account = z.object({
  id: z.string(),
  username: z.string().nullable(),
  phone: z.string().nullable().describe('Masked unless the reader is an admin'),
  displayName: z.string(),
  role: Role,
  status: z.enum(['active', 'disabled']),
  estates: z.array(
    z.object({ estateId: z.string(), teamId: z.string().nullable(), position: z.string().nullable() }),
  ),
  lastLoginAt: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  version: z.number(),
});
export type Account = z.infer<typeof Account>;

/** Where a staff account works: estate, team and position. */
const StaffEstates = z
  .array(
    z
      .object({
        estateId: z.string(),
        teamId: z.string().nullable().optional(),
        position: z.string().max(40).nullable().optional(),
      })
      .strict(),
  )
  .max(500);

export const CreateAccountBody = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, '3–32 letters, digits, _ . -; starts with a letter')
      .optional(),
    phone: z
      .string()
      .trim()
      .regex(/^1\d{10}$/, '11-digit mobile number')
      .optional(),
    displayName: z.string().trim().min(1).max(40),
    role: Role,
    password: z.string().min(1).max(128),
    estates: StaffEstates.default([]),
  })
  .strict();

export const UpdateAccountBody = z
  .object({
    version: z.number().int().optional(),
    displayName: z.string().trim().min(1).max(40).optional(),
    role: Role.optional(),
    status: z.enum(['active', 'disabled']).optional(),
    estates: StaffEstates.optional(),
  })
  .strict();

export const ResetPasswordBody = z.object({ password: z.string().min(1).max(128) }).strict();
