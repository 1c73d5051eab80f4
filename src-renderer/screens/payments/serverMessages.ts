import i18n from '../../i18n';
import idBillingErrors from '../../i18n/locales/id/billing-errors.json';

/*
 * Indonesian wording of the billing API's fixed English messages, merged into the shared `errors`
 * namespace (translateApiMessage looks there) from this domain's own file, so the shared
 * errors.json needs no edit. Messages carrying amounts or numbers stay as the server sent them.
 */
i18n.addResourceBundle('id', 'errors', idBillingErrors, true, false);
