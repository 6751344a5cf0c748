/**
 * Counting a text for its price. Characters are Unicode code points; a word
 * is a maximal run of letters, apostrophes and hyphens; a vowel counts when
 * it is one of aeiouAEIOU at position 3, 6, 9…; a palindrome reads the same
 * both ways in lower case, ignoring all but letters and digits. The general
 * count is the reference; the one-pass counts are the same, faster.
 */

/** What a pass over a text counts: all the pricing rules need. */
export interface TextCounts {
  characters: number;
  short: number;
  medium: number;
  long: number;
  thirdVowels: number;
  repeated: boolean;
  palindrome: boolean;
}

const WORD = /[\p{L}'-]+/gu;
const NOT_ALPHANUMERIC = /[^\p{L}\p{N}]/gu;
const VOWELS = new Set("aeiouAEIOU");

export function isPalindrome(text: string): boolean {
  const letters = [...text.toLowerCase().replace(NOT_ALPHANUMERIC, "")];
  if (letters.length === 0) return false;
  for (let i = 0, j = letters.length - 1; i < j; i++, j--) if (letters[i] !== letters[j]) return false;
  return true;
}

/** Any text: characters as code points, Unicode letters in words and in the palindrome check. */
export function countTextReference(text: string): TextCounts {
  const characters = [...text];
  const words = text.match(WORD) ?? [];
  let short = 0;
  let medium = 0;
  let long = 0;
  for (const word of words) {
    const length = [...word].length;
    if (length <= 3) short++;
    else if (length <= 7) medium++;
    else long++;
  }
  let thirdVowels = 0;
  for (let i = 2; i < characters.length; i += 3) if (VOWELS.has(characters[i]!)) thirdVowels++;
  return {
    characters: characters.length,
    short,
    medium,
    long,
    thirdVowels,
    repeated: new Set(words).size !== words.length,
    palindrome: isPalindrome(text),
  };
}

const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAsciiDigit = (c: number) => c >= 48 && c <= 57;
const ASCII_VOWEL = new Uint8Array(128);
for (const v of "aeiouAEIOU") ASCII_VOWEL[v.charCodeAt(0)] = 1;

/**
 * The same counts in one pass over the string, for ASCII text (most messages):
 * no arrays of characters, no regular expressions. Returns undefined at the
 * first non-ASCII character, where the general implementation takes over.
 */
export function countAsciiText(text: string): TextCounts | undefined {
  const n = text.length;
  if (n > WORD_TABLE_SIZE) return undefined;
  const stamp = ++wordTableStamp;
  let short = 0;
  let medium = 0;
  let long = 0;
  let wordStart = -1;
  let hash = 0;
  let repeated = false;
  let thirdVowels = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : -1;
    if (c > 127) return undefined;
    const inWord = c >= 0 && (isAsciiLetter(c) || c === 39 || c === 45);
    if (inWord) {
      if (wordStart < 0) {
        wordStart = i;
        hash = 0x811c9dc5;
      }
      hash = Math.imul(hash ^ c, 0x01000193);
    } else if (wordStart >= 0) {
      const length = i - wordStart;
      if (length <= 3) short++;
      else if (length <= 7) medium++;
      else long++;
      if (!repeated && !rememberWord(text, wordStart, length, hash, stamp)) repeated = true;
      wordStart = -1;
    }
    if (i % 3 === 2 && c >= 0 && ASCII_VOWEL[c] === 1) thirdVowels++;
  }
  return { characters: n, short, medium, long, thirdVowels, repeated, palindrome: asciiPalindrome(text) };
}

/** Unicode letter test for non-ASCII code points, memoised: texts reuse few distinct characters. */
const LETTER = /^\p{L}$/u;
const nonAsciiLetters = new Map<number, boolean>();
function isNonAsciiLetter(codePoint: number): boolean {
  let known = nonAsciiLetters.get(codePoint);
  if (known === undefined) {
    known = LETTER.test(String.fromCodePoint(codePoint));
    if (nonAsciiLetters.size < 65_536) nonAsciiLetters.set(codePoint, known);
  }
  return known;
}

/**
 * The same counts in one pass over any string of up to WORD_TABLE_SIZE code
 * units, for texts countAsciiText hands over. Characters are counted as code points
 * (a surrogate pair is one); only the palindrome check of a non-ASCII text
 * goes back to the general implementation, for Unicode lower-casing.
 */
export function countTextOnePass(text: string): TextCounts | undefined {
  const n = text.length;
  if (n > WORD_TABLE_SIZE) return undefined;
  const stamp = ++wordTableStamp;
  let short = 0;
  let medium = 0;
  let long = 0;
  let wordStart = -1;
  let wordChars = 0;
  let hash = 0;
  let repeated = false;
  let thirdVowels = 0;
  let position = 0;
  let ascii = true;
  for (let i = 0; i <= n; i++) {
    let c = i < n ? text.charCodeAt(i) : -1;
    let units = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        units = 2;
      }
    }
    if (c > 127) ascii = false;
    const inWord = c >= 0 && (c <= 127 ? isAsciiLetter(c) || c === 39 || c === 45 : isNonAsciiLetter(c));
    if (inWord) {
      if (wordStart < 0) {
        wordStart = i;
        wordChars = 0;
        hash = 0x811c9dc5;
      }
      wordChars++;
      hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
      if (units === 2) hash = Math.imul(hash ^ text.charCodeAt(i + 1), 0x01000193);
    } else if (wordStart >= 0) {
      if (wordChars <= 3) short++;
      else if (wordChars <= 7) medium++;
      else long++;
      if (!repeated && !rememberWord(text, wordStart, i - wordStart, hash, stamp)) repeated = true;
      wordStart = -1;
    }
    if (c >= 0) {
      if (position % 3 === 2 && c <= 127 && ASCII_VOWEL[c] === 1) thirdVowels++;
      position++;
    }
    i += units - 1;
  }
  const palindrome = ascii ? asciiPalindrome(text) : isPalindrome(text);
  return { characters: position, short, medium, long, thirdVowels, repeated, palindrome };
}

/*
 * Distinct-word check without allocating a string per word: an open-addressing
 * table of (hash, start, length), cleared in O(1) by bumping a stamp. A text
 * of at most WORD_TABLE_SIZE code units has fewer than half that many words,
 * so the table never fills.
 */
const WORD_TABLE_SIZE = 2048;
const wordStamps = new Int32Array(WORD_TABLE_SIZE * 2);
const wordHashes = new Int32Array(WORD_TABLE_SIZE * 2);
const wordStarts = new Int32Array(WORD_TABLE_SIZE * 2);
const wordLengths = new Int32Array(WORD_TABLE_SIZE * 2);
let wordTableStamp = 0;

/** Records a word; false when the same word was already recorded for this text. */
function rememberWord(text: string, start: number, length: number, hash: number, stamp: number): boolean {
  const mask = WORD_TABLE_SIZE * 2 - 1;
  for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
    if (wordStamps[slot] !== stamp) {
      wordStamps[slot] = stamp;
      wordHashes[slot] = hash;
      wordStarts[slot] = start;
      wordLengths[slot] = length;
      return true;
    }
    if (wordHashes[slot] === hash && wordLengths[slot] === length && sameSpan(text, wordStarts[slot]!, start, length)) return false;
  }
}

function sameSpan(text: string, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
  return true;
}

function asciiPalindrome(text: string): boolean {
  let i = 0;
  let j = text.length - 1;
  let any = false;
  for (;;) {
    while (i <= j && !isAsciiLetter(text.charCodeAt(i)) && !isAsciiDigit(text.charCodeAt(i))) i++;
    while (j >= i && !isAsciiLetter(text.charCodeAt(j)) && !isAsciiDigit(text.charCodeAt(j))) j--;
    if (i > j) return any;
    any = true;
    // Lower-casing an ASCII letter sets bit 0x20; digits already have it set.
    if ((text.charCodeAt(i) | 0x20) !== (text.charCodeAt(j) | 0x20)) return false;
    i++;
    j--;
  }
}
