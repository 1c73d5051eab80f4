/** Default English texts, the same messages as the Indonesian ones, for ISPs that choose English. */
import type { KindTexts, MessageKind } from './kinds';

const SIGN = '_{isp_name} · {isp_phone}_';

export const TEXTS_EN: Record<MessageKind, KindTexts> = {
  bill_issued: {
    whatsapp: `Dear *{name}*,

Your {isp_name} internet bill for *{period}* has been issued.

Invoice no.: {invoice_number}
Customer ID: {customer_code}
Package: {package}
Total: *{amount}*
Due date: *{due_date}*

{payment_instructions}

Thank you for choosing our service.
${SIGN}`,
    sms: 'Dear {name}, your internet bill for {period} is {amount}, due {due_date}. ID {customer_code}. Info {isp_phone}',
    subject: 'Internet bill {period} - {isp_name}',
    pushTitle: 'Your {period} bill is ready',
    pushBody: 'Total {amount}, due {due_date}.',
  },
  reminder_early: {
    whatsapp: `Dear *{name}*,

A friendly reminder: your internet bill for *{period}* of *{amount}* is due in {days_until_due} days, on *{due_date}*.

Customer ID: {customer_code}
Invoice no.: {invoice_number}

{payment_instructions}

Please ignore this message if you have already paid. Thank you.
${SIGN}`,
    sms: 'Dear {name}, your {period} bill of {amount} is due {due_date}. Ignore if already paid. Info {isp_phone}',
    subject: 'Reminder: your {period} bill is due {due_date}',
    pushTitle: 'Bill reminder {period}',
    pushBody: '{amount} due {due_date}.',
  },
  reminder_final: {
    whatsapp: `Dear *{name}*,

Your internet bill for *{period}* of *{amount}* is due *tomorrow*, {due_date}. To keep your service running smoothly, please pay before then.

Customer ID: {customer_code}
Invoice no.: {invoice_number}

{payment_instructions}

Please ignore this message if you have already paid. Thank you.
${SIGN}`,
    sms: 'Dear {name}, your {period} bill of {amount} is due tomorrow. Ignore if already paid. Info {isp_phone}',
    subject: 'Your {period} bill is due tomorrow',
    pushTitle: 'Your {period} bill is due tomorrow',
    pushBody: 'Please pay {amount} before {due_date}.',
  },
  due_today: {
    whatsapp: `Dear *{name}*,

Your internet bill for *{period}* of *{amount}* is due *today*, {due_date}.

Customer ID: {customer_code}
Invoice no.: {invoice_number}

{payment_instructions}

Please ignore this message if you have already paid. Thank you.
${SIGN}`,
    sms: 'Dear {name}, your {period} bill of {amount} is due today. Ignore if already paid. Info {isp_phone}',
    subject: 'Your {period} bill is due today',
    pushTitle: 'Your bill is due today',
    pushBody: '{amount} for {period}.',
  },
  overdue: {
    whatsapp: `Dear *{name}*,

Your internet bill for *{period}* of *{amount}* is {days_overdue} days past its due date ({due_date}). Please pay soon so that we do not have to suspend your service.

Customer ID: {customer_code}
Invoice no.: {invoice_number}

{payment_instructions}

Please ignore this message if you have already paid. Thank you.
${SIGN}`,
    sms: 'Dear {name}, your {period} bill of {amount} is overdue. Please pay soon to avoid suspension. Info {isp_phone}',
    subject: 'Your {period} bill is overdue',
    pushTitle: 'Your {period} bill is overdue',
    pushBody: 'Please pay {amount} soon to keep your service.',
  },
  isolir: {
    whatsapp: `Dear *{name}*,

We are sorry: your internet service (ID {customer_code}) has been suspended because we have not yet received payment of *{amount}* for *{period}*.

Your service will be restored automatically as soon as we receive your payment.

{payment_instructions}

If you have already paid, please contact us at {isp_phone}. Thank you.
${SIGN}`,
    sms: 'Dear {name}, your internet is suspended: the {period} bill of {amount} is unpaid. It returns once paid. Info {isp_phone}',
    subject: 'Internet service suspended - {isp_name}',
    pushTitle: 'Service suspended',
    pushBody: 'We have not received {amount} for {period}. Service returns once paid.',
  },
  restored: {
    whatsapp: `Dear *{name}*,

Thank you: your internet service (ID {customer_code}, package {package}) is *active again*.

If the connection is not back to normal, please switch your modem/router off and on again, or contact us at {isp_phone}.
${SIGN}`,
    sms: 'Dear {name}, your internet service is active again. If it is not normal, restart your modem or call {isp_phone}.',
    subject: 'Internet service restored - {isp_name}',
    pushTitle: 'Service restored',
    pushBody: 'Thank you, your internet is active again.',
  },
  payment_receipt: {
    whatsapp: `Dear *{name}*,

Thank you, we have received your payment.

Receipt no.: {receipt_number}
Invoice no.: {invoice_number}
Period: {period}
Amount paid: *{paid_amount}*
Date: {paid_at}
Method: {payment_method}

Please keep this message as proof of payment.
${SIGN}`,
    sms: 'Thank you {name}, we received {paid_amount} for your {period} bill. Receipt {receipt_number}. {isp_name}',
    subject: 'Payment receipt {receipt_number} - {isp_name}',
    pushTitle: 'Payment received',
    pushBody: '{paid_amount} for your {period} bill. Thank you.',
  },
  ticket_answered: {
    whatsapp: `Dear *{name}*,

We have answered your report no. *{ticket_number}* ({ticket_subject}).

If the problem persists, please reply to this message or contact us at {isp_phone}. Thank you.
${SIGN}`,
    sms: 'Dear {name}, we have answered your report {ticket_number}. If the problem persists call {isp_phone}. {isp_name}',
    subject: 'Your report {ticket_number} has been answered',
    pushTitle: 'Report {ticket_number} answered',
    pushBody: '{ticket_subject}',
  },
  broadcast: {
    whatsapp: `Dear *{name}*,

{broadcast_text}

Kind regards,
${SIGN}`,
    sms: '{isp_name}: {broadcast_text}',
    subject: 'Notice from {isp_name}',
    pushTitle: 'Notice from {isp_name}',
    pushBody: '{broadcast_text}',
  },
};
