import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/**
 * A QR code drawn as SVG squares (no HTML string injected), sharp on screen and on paper and scannable by
 * a phone camera: the portal's address on Settings and a gateway's QRIS string on the payment card.
 */
export function QrCode({
  text,
  size = 180,
  alt,
  testId,
}: {
  text: string;
  size?: number;
  alt: string;
  testId?: string;
}) {
  const cells = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    const n = qr.getModuleCount();
    const dark: string[] = [];
    for (let r = 0; r < n; r++)
      for (let c = 0; c < n; c++) if (qr.isDark(r, c)) dark.push(`M${c + 4} ${r + 4}h1v1h-1z`);
    return { n: n + 8, path: dark.join('') };
  }, [text]);
  return (
    <svg
      width={size}
      height={size}
      viewBox={`0 0 ${cells.n} ${cells.n}`}
      shapeRendering="crispEdges"
      role="img"
      aria-label={alt}
      data-testid={testId}
    >
      <rect width={cells.n} height={cells.n} fill="#fff" />
      <path d={cells.path} fill="#000" />
    </svg>
  );
}
