const NON_ASCII = /[\u0080-\uffff]/;
const NOT_ALNUM = /[^A-Z0-9]+/g;
const LETTER_RUNS = /[A-Z]{3,}/g;

/**
 * Words of a bank description or a customer name, for matching. Upper case, letters and digits only,
 * and split where letters meet digits: bank exports glue text together (`72100000.00MICHAEL`,
 * `CUST0007`), so `CUST0007`, `CUST 0007` and `cust-0007` all become `CUST` + `0007`.
 */
export function words(text: string): string[] {
  // Accents off (é → E) only when there are any: most text is plain ASCII and NFKD is not free.
  const plain = NON_ASCII.test(text) ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : text;
  return plain.toUpperCase().match(/[A-Z]+|[0-9]+/g) ?? [];
}

/** A reference (invoice number, customer code) as it is compared: `INV-202611-00042` → `INV20261100042`. */
export function refKey(text: string): string {
  // Plain ASCII (every invoice number, nearly every customer code): the letters and digits upper-cased, which
  // is what the words joined are, without building the words. The matcher keys every open bill this way.
  if (!NON_ASCII.test(text)) return text.toUpperCase().replace(NOT_ALNUM, '');
  return words(text).join('');
}

/** Words that say nothing about who a person is. */
export const NAME_NOISE = new Set(['BIN', 'BINTI', 'BAPAK', 'IBU', 'SDR', 'SDRI', 'TUAN', 'NYONYA', 'HAJI', 'HJ']);

/** The words of a customer name that can identify them: three letters or more, no honorifics. */
export function nameWords(name: string): string[] {
  // Plain ASCII: the runs of three letters or more are those words, found without splitting off the rest.
  const letters = NON_ASCII.test(name)
    ? words(name).filter((w) => w.length >= 3 && /^[A-Z]+$/.test(w))
    : (name.toUpperCase().match(LETTER_RUNS) ?? []);
  const out: string[] = [];
  for (const w of letters) if (!NAME_NOISE.has(w) && !out.includes(w)) out.push(w);
  return out;
}

/** The words of a description as the name check uses them. */
export interface DescriptionWords {
  all: ReadonlySet<string>;
  /** Words of four letters or more: candidates for a name the bank cut short. */
  long: readonly string[];
}

export function descriptionWords(ws: readonly string[]): DescriptionWords {
  return { all: new Set(ws), long: [...new Set(ws.filter((w) => w.length >= 4 && /^[A-Z]/.test(w)))] };
}

/**
 * Share of the name's words found in the description (0–1). A description word of four letters or more
 * that begins a longer name word counts too: banks cut names short (`AIRPAY INTERNATION`).
 */
export function nameSimilarity(nameWs: readonly string[], d: DescriptionWords): number {
  if (!nameWs.length) return 0;
  let found = 0;
  for (const w of nameWs) {
    if (d.all.has(w)) found++;
    else if (d.long.some((x) => x.length < w.length && w.startsWith(x))) found++;
  }
  return found / nameWs.length;
}
