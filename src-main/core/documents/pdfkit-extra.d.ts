// What pdfkit accepts but @types/pdfkit does not declare: a fontkit font wherever a font file may go
// (documents share one parsed font, see fonts.ts), and openImage, which sizes an image before drawing it.
import type { Font } from 'fontkit';

declare global {
  namespace PDFKit {
    interface OpenedImage {
      readonly width: number;
      readonly height: number;
    }
    namespace Mixins {
      interface PDFFont {
        registerFont(name: string, src: Font): this;
      }
      interface PDFImage {
        openImage(src: Buffer): OpenedImage;
        image(src: OpenedImage, x?: number, y?: number, options?: ImageOption): this;
      }
    }
    interface PDFDocument {
      // eslint-disable-next-line @typescript-eslint/no-misused-new -- @types/pdfkit declares the constructor here; this adds an overload
      new (options: Omit<PDFDocumentOptions, 'font'> & { font: Font }): PDFDocument;
    }
  }
}
