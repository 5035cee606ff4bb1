import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Provider secrets at rest: AES-256-GCM with a key derived (HKDF-SHA256) from the operator's
 * secret `GUANJIA_SECRET_KEY`. The row's identity (estate and channel) is bound as associated
 * data, so a ciphertext copied to another estate's row does not decrypt.
 */
export interface SecretBox {
  seal(plain: string, aad: string): string;
  open(sealed: string, aad: string): string;
}

const MIN_SECRET_LENGTH = 16;

/** A box from the operator's secret; throws when it is missing or too short to be a key. */
export function createSecretBox(secret: string | undefined): SecretBox {
  if (!secret || secret.length < MIN_SECRET_LENGTH)
    throw new Error(`GUANJIA_SECRET_KEY must be set (at least ${MIN_SECRET_LENGTH} characters)`);
  const key = Buffer.from(hkdfSync('sha256', secret, 'guanjia', 'message-providers v1', 32));
  return {
    seal(plain, aad) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      c.setAAD(Buffer.from(aad, 'utf8'));
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return ['v1', iv, c.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join(':');
    },
    open(sealed, aad) {
      const [v, iv, tag, body] = sealed.split(':');
      if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown secret format');
      const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      d.setAAD(Buffer.from(aad, 'utf8'));
      d.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
    },
  };
}
