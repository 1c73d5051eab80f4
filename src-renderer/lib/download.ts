/** A file the API returned as base64 (exports, PDFs) as a Blob. */
export function base64Blob(base64: string, mime: string): Blob {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

/** Object URLs live until the page unloads unless revoked: hand one to `open`, then revoke it after a while. */
export function withObjectUrl(blob: Blob, open: (url: string) => void): void {
  const url = URL.createObjectURL(blob);
  open(url);
  // Long enough for a new tab, the browser or Electron's save dialog to read it.
  setTimeout(() => URL.revokeObjectURL(url), 120_000);
}

/** Saves a blob under a file name. In the desktop app Electron shows a save dialog. */
export function saveBlob(blob: Blob, filename: string): void {
  withObjectUrl(blob, (url) => {
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
  });
}

/** Saves a file the API returned as base64 (exports). */
export function downloadBase64(file: { filename: string; mime: string; base64: string }): void {
  saveBlob(base64Blob(file.base64, file.mime), file.filename);
}
