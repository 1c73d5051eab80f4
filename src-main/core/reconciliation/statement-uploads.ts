/**
 * Statement files too large for one request (the staff host's 2 MB JSON limit) arrive in chunks through
 * `bankStatements.upload` and wait here, in memory, for the preview and the import that name them. An
 * upload belongs to the user who sent it, is refused above STATEMENT_MAX_BYTES before any byte is kept,
 * and is dropped after the import or after 30 minutes; at most a few are kept at once.
 */
import { randomBytes } from 'node:crypto';
import { STATEMENT_MAX_BYTES } from '../../../src-shared/contract/bank-statements';
import { badInput } from '../../../src-shared/result';
import type { AppContext, CallContext } from '../context';

const UPLOADS = 'bankStatements.uploads';
const TTL_MS = 30 * 60_000;
/** Uploads kept at once over all users (each at most 16 MB). */
const MAX_UPLOADS = 6;

interface Upload {
  owner: string;
  totalBytes: number;
  received: number;
  chunks: Buffer[];
  expiresAt: number;
}

function store(app: AppContext): Map<string, Upload> {
  const existing = app.services[UPLOADS];
  if (existing instanceof Map) return existing as Map<string, Upload>;
  const made = new Map<string, Upload>();
  app.services[UPLOADS] = made;
  return made;
}

const ownerOf = (call: CallContext) => `user:${call.session?.userId ?? call.source ?? 'internal'}`;

function live(call: CallContext): Map<string, Upload> {
  const uploads = store(call.app);
  const now = call.app.clock.now().getTime();
  for (const [id, u] of uploads) if (u.expiresAt <= now) uploads.delete(id);
  return uploads;
}

const expired = () => badInput('uploadId', 'The uploaded file has expired: choose the file again');

export function appendUpload(
  call: CallContext,
  input: { uploadId?: string; totalBytes: number; offset: number; base64: string },
) {
  const uploads = live(call);
  const bytes = Buffer.from(input.base64, 'base64');
  let id = input.uploadId;
  let upload = id ? uploads.get(id) : undefined;
  if (id && (!upload || upload.owner !== ownerOf(call))) throw expired();
  if (!upload) {
    if (input.offset !== 0) throw badInput('offset', 'The upload must start at the beginning of the file');
    // The oldest upload makes room (an abandoned one would otherwise hold its memory for 30 minutes).
    if (uploads.size >= MAX_UPLOADS) uploads.delete(uploads.keys().next().value!);
    id = randomBytes(16).toString('hex');
    upload = { owner: ownerOf(call), totalBytes: input.totalBytes, received: 0, chunks: [], expiresAt: 0 };
    uploads.set(id, upload);
  }
  if (input.totalBytes !== upload.totalBytes || input.offset !== upload.received)
    throw badInput('offset', 'The upload arrived out of order: choose the file again');
  if (upload.received + bytes.length > Math.min(upload.totalBytes, STATEMENT_MAX_BYTES))
    throw badInput('base64', 'The file is larger than 16 MB: export a shorter period');
  upload.chunks.push(bytes);
  upload.received += bytes.length;
  upload.expiresAt = call.app.clock.now().getTime() + TTL_MS;
  return { uploadId: id!, received: upload.received, totalBytes: upload.totalBytes };
}

/** The whole file of a finished upload of this user. */
export function uploadedFile(call: CallContext, uploadId: string): Buffer {
  const upload = live(call).get(uploadId);
  if (!upload || upload.owner !== ownerOf(call)) throw expired();
  if (upload.received !== upload.totalBytes)
    throw badInput('uploadId', 'The file has not finished uploading: choose the file again');
  if (upload.chunks.length > 1) upload.chunks = [Buffer.concat(upload.chunks)];
  return upload.chunks[0]!;
}

export function dropUpload(call: CallContext, uploadId: string): void {
  store(call.app).delete(uploadId);
}
