/**
 * Words of a bank description or a customer name, for matching. Upper case, letters and digits only,
 * and split where letters meet digits: bank exports glue text together (`72100000.00MICHAEL`,
 * `CUST0007`), so `CUST0007`, `CUST 0007` and `cust-0007` all become `CUST` + `0007`.
 */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toUpperCase()
      .match(/[A-Z]+|[0-9]+/g) ?? []
  );
}

/** A reference (invoice number, customer code) as it is compared: `INV-202611-00042` → `INV20261100042`. */
export function refKey(text: string): string {
  return words(text).join('');
}

/**
 * Every run of 1–`maxParts` consecutive words joined: the ways a reference written with or without
 * separators can appear in a description (`INV 202611 00042`, `INV/202611/00042`, `INV20261100042`).
 * Runs start and end on word boundaries, so `CUST00071` never yields `CUST0007`.
 */
export function wordRuns(ws: readonly string[], maxParts: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    let run = '';
    for (let j = i; j < Math.min(ws.length, i + maxParts); j++) {
      run += ws[j];
      out.push(run);
    }
  }
  return out;
}

/** Words that say nothing about who a person is. */
const NAME_NOISE = new Set(['BIN', 'BINTI', 'BAPAK', 'IBU', 'SDR', 'SDRI', 'TUAN', 'NYONYA', 'HAJI', 'HJ']);

/** The words of a customer name that can identify them: three letters or more, no honorifics. */
export function nameWords(name: string): string[] {
  return [...new Set(words(name).filter((w) => w.length >= 3 && /^[A-Z]+$/.test(w) && !NAME_NOISE.has(w)))];
}

/**
 * Share of the name's words found in the description (0–1). A description word of four letters or more
 * that begins a name word counts too: banks cut names short (`AIRPAY INTERNATION`).
 */
export function nameSimilarity(nameWs: readonly string[], descriptionWs: ReadonlySet<string>): number {
  if (!nameWs.length) return 0;
  let found = 0;
  for (const w of nameWs) {
    if (descriptionWs.has(w)) found++;
    else if ([...descriptionWs].some((d) => d.length >= 4 && d.length < w.length && w.startsWith(d))) found++;
  }
  return found / nameWs.length;
}
