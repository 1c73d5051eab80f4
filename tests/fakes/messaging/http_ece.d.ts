/** The part of `http_ece` (RFC 8188 / RFC 8291 content encoding) the push fake uses to decrypt. */
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto';
  export interface EceParams {
    version: 'aes128gcm' | 'aesgcm' | 'aesgcm128';
    /** The receiver's key pair (the browser's subscription key). */
    privateKey?: ECDH;
    /** base64url of the subscription's 16-byte auth secret. */
    authSecret?: string;
    dh?: string;
    salt?: string;
    key?: string;
  }
  export function decrypt(buffer: Buffer, params: EceParams): Buffer;
  export function encrypt(buffer: Buffer, params: EceParams): Buffer;
}
