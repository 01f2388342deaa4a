// Letters that Unicode decomposition leaves whole but that people type as plain Latin.
const LETTERS: Readonly<Record<string, string>> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  đ: "d",
  ð: "d",
  ł: "l",
  þ: "th",
  ı: "i",
  ħ: "h",
};
const SPECIAL = /[ßæœøđðłþıħ]/g;
// Apostrophes and okinas vanish ("Xi’an" is typed "Xian" or "Xi'an"); other punctuation separates words.
const APOSTROPHES = /['’‘ʼʻ`´]/g;
const MARKS = /\p{M}/gu;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/**
 * The form names and queries are compared in: lower case, accents and apostrophes removed,
 * special Latin letters spelled out, punctuation turned into single spaces. "São Paulo",
 * "sao  paulo" and "SAO-PAULO" all become "sao paulo".
 */
export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(MARKS, "")
    .replace(SPECIAL, (c) => LETTERS[c]!)
    .replace(APOSTROPHES, "")
    .replace(SEPARATORS, " ")
    .trim();
}
