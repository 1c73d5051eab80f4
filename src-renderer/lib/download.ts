/** Saves a file the API returned as base64 (exports). In the desktop app Electron shows a save dialog. */
export function downloadBase64(file: { filename: string; mime: string; base64: string }): void {
  const bin = atob(file.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Long enough for the browser (or Electron's save dialog) to read it.
  setTimeout(() => URL.revokeObjectURL(url), 120_000);
}
