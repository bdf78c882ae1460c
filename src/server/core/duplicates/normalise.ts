/**
 * Match keys for finding duplicates (issue 16): two values that mean the same thing get the same
 * key. A key is null when the value is too short or malformed to say anything (a 4-digit extension,
 * a name that is only a company form), so it never groups unrelated records.
 */

/** Email: trimmed and lower-cased; Gmail's dots are an address like any other (they are not special here). */
export function emailKey(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const v = value.normalize('NFKC').trim().toLowerCase();
  const at = v.indexOf('@');
  if (at < 1 || at === v.length - 1 || /\s/.test(v)) return null;
  return v.slice(0, 200);
}

/** Country codes stripped from international numbers, longest first (852 before 85…). */
const COUNTRY_CODES = ['852', '853', '886', '82', '86', '81', '65', '61', '44', '49', '33', '7', '1'];
/** Without a "+", only codes no national number starts with (national numbers start with the trunk 0, or 1 for Chinese mobiles). */
const BARE_CODES = ['852', '853', '886', '82', '86', '81'];

const PLAIN_PHONE = /^[\d\s+().\-/]*$/;
const EXTENSION = /(?:ext\.?|extension|x|#|내선|转|分机)/i;

/**
 * Phone: the national significant number, digits only. 010-1234-5678, +82 10-1234-5678,
 * 82-10-1234-5678 and +82 (0)10 1234 5678 all give 1012345678; +86 138 1234 5678 and
 * 138-1234-5678 give 13812345678. An extension ("ext. 12", "내선 12", "转 12") is left out.
 */
export function phoneKey(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // Most numbers are plain ASCII digits and separators: no width folding or extension to look for (a million are keyed at once).
  const v = PLAIN_PHONE.test(value) ? value.trim() : value.normalize('NFKC').split(EXTENSION)[0].trim();
  let digits = v.replace(/\D/g, '');
  const international = v.startsWith('+') || digits.startsWith('00');
  if (digits.startsWith('00')) digits = digits.slice(2);
  const codes = international ? COUNTRY_CODES : BARE_CODES;
  if (international || !digits.startsWith('0')) {
    const code = codes.find((c) => digits.startsWith(c) && digits.length - c.length >= 7);
    if (code) digits = digits.slice(code.length);
  }
  digits = digits.replace(/^0+/, '');
  return digits.length >= 7 && digits.length <= 15 ? digits : null;
}

/** Website: the host name without scheme, "www.", user, port or path, lower-cased (https://WWW.Samsung.com:443/kr/ → samsung.com). */
export function domainKey(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  let v = value.normalize('NFKC').trim().toLowerCase();
  v = v.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^\/\//, '');
  v = v.split(/[/?#\\]/)[0];
  v = v.slice(v.lastIndexOf('@') + 1).replace(/:\d*$/, '').replace(/\.$/, '').replace(/^www\d?\./, '');
  if (!/^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u.test(v)) return null;
  return v.slice(0, 200);
}

/**
 * Company forms in Korean, Chinese, Japanese and English, removed from names wherever they stand
 * ("(주)삼성전자", "삼성전자 주식회사"). Latin forms only as whole words ("Zinc" keeps its "inc").
 * Applied after NFKC and lower-casing, so ㈜ arrives as (주) and full-width Ｃｏ. as co.
 */
const CJK_FORMS = /\(주\)|\(유\)|\(株\)|\(有\)|주식회사|유한회사|유한책임회사|株式会社|有限会社|(?:集团)?(?:股份)?有限(?:责任)?公司|(?:集團)?(?:股份)?有限(?:責任)?公司/gu;
const LATIN_FORMS = /(?<![\p{L}\p{N}])(?:co\s*\.?\s*,?\s*ltd|company\s+limited|corporation|incorporated|limited|corp|inc|llc|l\.l\.c|gmbh|ltd|plc|co)\.?(?![\p{L}\p{N}])/gu;

/**
 * Name: width-folded (NFKC), lower-cased, without company forms, punctuation or spaces, so
 * "삼성 전자" ≡ "삼성전자" and "Samsung Electronics Co., Ltd." ≡ "samsung electronics".
 */
export function nameKey(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const v = value.normalize('NFKC').toLowerCase().replace(CJK_FORMS, ' ').replace(LATIN_FORMS, ' ');
  const key = v.replace(/[\p{P}\p{S}\p{Z}\s]+/gu, '');
  return key.length >= 2 ? key.slice(0, 200) : null;
}
