import { resolve } from 'node:path';
import { z } from 'zod';

/** Every environment variable the product reads, validated at start. Documented in README.md. */
const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(
      /^(postgres(ql)?:\/\/|sqlite:|file:)/,
      'must start with postgres://, postgresql://, sqlite: or file:',
    )
    .optional(),
  GUANJIA_DEMO_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  PUBLIC_ORIGIN: z.string().url('must be a URL such as https://guanjia.example.com').optional(),
  GUANJIA_SECRET_KEY: z
    .string()
    .min(16, 'must be at least 16 characters (e.g. openssl rand -base64 32)')
    .optional(),
  /** Largest photo upload in MB (request completion and visit photos); files live in DATA_DIR/uploads. */
  ATTACHMENT_MAX_MB: z.coerce.number().min(0.1).max(50).default(8),
  GUANJIA_DEMO: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
});

export type Config = z.infer<typeof schema> & { dataDir: string };

/** Reads and validates the configuration; throws a message naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration (environment variables):\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: resolve(parsed.data.DATA_DIR) };
}
