import { STATEMENT_CHUNK_BYTES } from '../../../src-shared/contract/bank-statements';
import type { ApiResult } from '../../../src-shared/result';
import { api } from '../../api/client';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // String.fromCharCode takes a bounded argument list: 32 KB at a time.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Sends a statement file to the office in chunks (`bankStatements.upload`, each well under the host's
 * 2 MB body limit), reporting the bytes sent; resolves to the upload id the preview and import name.
 */
export async function uploadStatement(
  file: File,
  onProgress: (sent: number, total: number) => void,
): Promise<ApiResult<string>> {
  let uploadId: string | undefined;
  let offset = 0;
  onProgress(0, file.size);
  do {
    const chunk = new Uint8Array(await file.slice(offset, offset + STATEMENT_CHUNK_BYTES).arrayBuffer());
    const r = await api('bankStatements.upload', {
      ...(uploadId ? { uploadId } : {}),
      totalBytes: file.size,
      offset,
      base64: toBase64(chunk),
    });
    if (!r.ok) return r;
    uploadId = r.value.uploadId;
    offset = r.value.received;
    onProgress(offset, file.size);
  } while (offset < file.size);
  return { ok: true, value: uploadId };
}
