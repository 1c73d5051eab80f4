/**
 * The isolir page's words in Indonesian and English (both are shown: Indonesian first). Like the
 * printed documents' labels (core/documents/labels.ts), they live in the main process, which renders
 * the page without the renderer's catalogue.
 */
export type IsolirLang = 'id' | 'en';

const ID = {
  title: 'Layanan internet diisolir',
  greeting: 'Yth. {name} ({code})',
  isolated: 'Layanan internet Anda untuk sementara kami nonaktifkan karena tagihan belum dibayar.',
  amountDue: 'Jumlah yang harus dibayar',
  howToPay: 'Cara membayar',
  payAtOffice: 'Bayar tunai di kantor kami',
  payByTransfer: 'Atau transfer ke salah satu rekening berikut, lalu simpan bukti transfernya:',
  accountHolder: 'a.n.',
  transferNote: 'Tulis kode pelanggan {code} di berita transfer.',
  contact: 'Pertanyaan? Hubungi {phone}.',
  restoresAutomatically: 'Setelah pembayaran kami terima, layanan aktif kembali secara otomatis.',
  paidTitle: 'Pembayaran sudah diterima',
  paidPending: 'Terima kasih, {name}. Pembayaran Anda sudah kami terima. Layanan aktif kembali dalam beberapa saat.',
  paidActive: 'Terima kasih, {name}. Pembayaran Anda sudah kami terima dan layanan sudah aktif kembali.',
  reconnect: 'Jika halaman ini masih muncul, matikan lalu nyalakan kembali modem/router Anda.',
  payOnline: 'Bayar sekarang secara online (QRIS, Virtual Account, dompet digital):',
  payInvoice: 'Bayar {invoice}: {amount}',
  portal: 'Masuk portal pelanggan',
};

const EN: typeof ID = {
  title: 'Internet service suspended',
  greeting: 'Dear {name} ({code})',
  isolated: 'Your internet service is suspended for now because a bill is unpaid.',
  amountDue: 'Amount due',
  howToPay: 'How to pay',
  payAtOffice: 'Pay cash at our office',
  payByTransfer: 'Or transfer to one of these accounts and keep the receipt:',
  accountHolder: 'holder',
  transferNote: 'Put your customer code {code} in the transfer note.',
  contact: 'Questions? Call {phone}.',
  restoresAutomatically: 'Once we receive the payment, the service comes back automatically.',
  paidTitle: 'Payment received',
  paidPending: 'Thank you, {name}. We have received your payment. The service comes back in a moment.',
  paidActive: 'Thank you, {name}. We have received your payment and the service is active again.',
  reconnect: 'If this page still shows, switch your modem/router off and on again.',
  payOnline: 'Pay now online (QRIS, Virtual Account, e-wallet):',
  payInvoice: 'Pay {invoice}: {amount}',
  portal: 'Sign in to the customer portal',
};

export type IsolirLabel = keyof typeof ID;

export function isolirLabel(lang: IsolirLang, key: IsolirLabel, vars: Record<string, string> = {}): string {
  return (lang === 'en' ? EN : ID)[key].replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}
