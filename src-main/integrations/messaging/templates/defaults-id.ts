/**
 * Default Indonesian texts, in the polite register Indonesian ISPs write to their customers ("Yth.
 * Bapak/Ibu", "mohon", "terima kasih"). They use only values the app always has; an ISP with a payment
 * link or a portal adds `{link_bayar}` / `{link_portal}` in Settings.
 */
import type { KindTexts, MessageKind } from './kinds';

const SIGN = '_{nama_isp} · {telepon_isp}_';

export const TEXTS_ID: Record<MessageKind, KindTexts> = {
  bill_issued: {
    whatsapp: `Yth. Bapak/Ibu *{nama}*,

Tagihan internet {nama_isp} untuk periode *{periode}* sudah terbit.

No. Tagihan: {no_tagihan}
ID Pelanggan: {kode_pelanggan}
Paket: {paket}
Total: *{jumlah}*
Jatuh tempo: *{jatuh_tempo}*

{cara_bayar}

Terima kasih atas kepercayaan Bapak/Ibu menggunakan layanan kami.
${SIGN}`,
    sms: 'Yth. {nama}, tagihan internet {periode} {jumlah} jatuh tempo {jatuh_tempo}. ID {kode_pelanggan}. Info {telepon_isp}',
    subject: 'Tagihan internet {periode} - {nama_isp}',
    pushTitle: 'Tagihan {periode} sudah terbit',
    pushBody: 'Total {jumlah}, jatuh tempo {jatuh_tempo}.',
  },
  reminder_early: {
    whatsapp: `Yth. Bapak/Ibu *{nama}*,

Kami mengingatkan, tagihan internet periode *{periode}* sebesar *{jumlah}* akan jatuh tempo dalam {sisa_hari} hari, yaitu pada *{jatuh_tempo}*.

ID Pelanggan: {kode_pelanggan}
No. Tagihan: {no_tagihan}

{cara_bayar}

Mohon abaikan pesan ini bila sudah melakukan pembayaran. Terima kasih.
${SIGN}`,
    sms: 'Yth. {nama}, tagihan {periode} {jumlah} jatuh tempo {jatuh_tempo}. Abaikan bila sudah bayar. Info {telepon_isp}',
    subject: 'Pengingat: tagihan {periode} jatuh tempo {jatuh_tempo}',
    pushTitle: 'Pengingat tagihan {periode}',
    pushBody: '{jumlah} jatuh tempo {jatuh_tempo}.',
  },
  reminder_final: {
    whatsapp: `Yth. Bapak/Ibu *{nama}*,

Tagihan internet periode *{periode}* sebesar *{jumlah}* akan jatuh tempo *besok*, {jatuh_tempo}. Agar layanan tetap lancar, mohon lakukan pembayaran sebelum tanggal tersebut.

ID Pelanggan: {kode_pelanggan}
No. Tagihan: {no_tagihan}

{cara_bayar}

Mohon abaikan pesan ini bila sudah melakukan pembayaran. Terima kasih.
${SIGN}`,
    sms: 'Yth. {nama}, tagihan {periode} {jumlah} jatuh tempo besok {jatuh_tempo}. Abaikan bila sudah bayar. Info {telepon_isp}',
    subject: 'Tagihan {periode} jatuh tempo besok',
    pushTitle: 'Tagihan {periode} jatuh tempo besok',
    pushBody: 'Mohon bayar {jumlah} sebelum {jatuh_tempo}.',
  },
  due_today: {
    whatsapp: `Yth. Bapak/Ibu *{nama}*,

Tagihan internet periode *{periode}* sebesar *{jumlah}* jatuh tempo *hari ini*, {jatuh_tempo}.

ID Pelanggan: {kode_pelanggan}
No. Tagihan: {no_tagihan}

{cara_bayar}

Mohon abaikan pesan ini bila sudah melakukan pembayaran. Terima kasih.
${SIGN}`,
    sms: 'Yth. {nama}, tagihan {periode} {jumlah} jatuh tempo hari ini. Abaikan bila sudah bayar. Info {telepon_isp}',
    subject: 'Tagihan {periode} jatuh tempo hari ini',
    pushTitle: 'Tagihan jatuh tempo hari ini',
    pushBody: '{jumlah} untuk periode {periode}.',
  },
  overdue: {
    whatsapp: `Yth. Bapak/Ibu *{nama}*,

Tagihan internet periode *{periode}* sebesar *{jumlah}* sudah lewat jatuh tempo ({jatuh_tempo}) {hari_terlambat} hari. Mohon segera melakukan pembayaran agar layanan internet tidak kami nonaktifkan sementara (isolir).

ID Pelanggan: {kode_pelanggan}
No. Tagihan: {no_tagihan}

{cara_bayar}

Mohon abaikan pesan ini bila sudah melakukan pembayaran. Terima kasih.
${SIGN}`,
    sms: 'Yth. {nama}, tagihan {periode} {jumlah} lewat jatuh tempo. Mohon segera bayar agar tidak diisolir. Info {telepon_isp}',
    subject: 'Tagihan {periode} sudah lewat jatuh tempo',
    pushTitle: 'Tagihan {periode} lewat jatuh tempo',
    pushBody: 'Mohon segera bayar {jumlah} agar layanan tidak terputus.',
  },
  isolir: {
    whatsapp: `Yth. Bapak/Ibu *{nama}*,

Mohon maaf, layanan internet Bapak/Ibu (ID {kode_pelanggan}) untuk sementara kami nonaktifkan (isolir) karena tagihan periode *{periode}* sebesar *{jumlah}* belum kami terima.

Layanan akan aktif kembali secara otomatis setelah pembayaran kami terima.

{cara_bayar}

Bila sudah membayar, mohon hubungi kami di {telepon_isp}. Terima kasih.
${SIGN}`,
    sms: 'Yth. {nama}, internet Anda diisolir: tagihan {periode} {jumlah} belum dibayar. Aktif lagi setelah bayar. Info {telepon_isp}',
    subject: 'Layanan internet dinonaktifkan sementara - {nama_isp}',
    pushTitle: 'Layanan dinonaktifkan sementara',
    pushBody: 'Tagihan {periode} {jumlah} belum kami terima. Aktif lagi setelah pembayaran.',
  },
  restored: {
    whatsapp: `Yth. Bapak/Ibu *{nama}*,

Terima kasih, layanan internet Bapak/Ibu (ID {kode_pelanggan}, paket {paket}) sudah *aktif kembali*.

Bila koneksi belum normal, silakan matikan lalu nyalakan kembali modem/router, atau hubungi kami di {telepon_isp}.
${SIGN}`,
    sms: 'Yth. {nama}, internet Anda sudah aktif kembali. Bila belum normal, nyalakan ulang modem atau hubungi {telepon_isp}.',
    subject: 'Layanan internet aktif kembali - {nama_isp}',
    pushTitle: 'Layanan aktif kembali',
    pushBody: 'Terima kasih, internet Anda sudah aktif kembali.',
  },
  payment_receipt: {
    whatsapp: `Yth. Bapak/Ibu *{nama}*,

Terima kasih, pembayaran Bapak/Ibu sudah kami terima.

No. Kuitansi: {no_kuitansi}
No. Tagihan: {no_tagihan}
Periode: {periode}
Jumlah dibayar: *{jumlah_bayar}*
Tanggal: {tanggal_bayar}
Metode: {metode_bayar}

Simpan pesan ini sebagai bukti pembayaran.
${SIGN}`,
    sms: 'Terima kasih {nama}, pembayaran {jumlah_bayar} untuk tagihan {periode} sudah kami terima. No. {no_kuitansi}. {nama_isp}',
    subject: 'Bukti pembayaran {no_kuitansi} - {nama_isp}',
    pushTitle: 'Pembayaran diterima',
    pushBody: '{jumlah_bayar} untuk tagihan {periode}. Terima kasih.',
  },
  ticket_answered: {
    whatsapp: `Yth. Bapak/Ibu *{nama}*,

Laporan Bapak/Ibu no. *{no_tiket}* ({judul_tiket}) sudah kami tanggapi.

Bila masih ada kendala, silakan balas pesan ini atau hubungi kami di {telepon_isp}. Terima kasih.
${SIGN}`,
    sms: 'Yth. {nama}, laporan no. {no_tiket} sudah kami tanggapi. Bila masih ada kendala hubungi {telepon_isp}. {nama_isp}',
    subject: 'Laporan {no_tiket} sudah ditanggapi',
    pushTitle: 'Laporan {no_tiket} ditanggapi',
    pushBody: '{judul_tiket}',
  },
  broadcast: {
    whatsapp: `Yth. Bapak/Ibu *{nama}*,

{isi_pengumuman}

Salam,
${SIGN}`,
    sms: '{nama_isp}: {isi_pengumuman}',
    subject: 'Pemberitahuan dari {nama_isp}',
    pushTitle: 'Pemberitahuan {nama_isp}',
    pushBody: '{isi_pengumuman}',
  },
};
