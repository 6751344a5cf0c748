/**
 * The credit cost of a message priced from its text, in integer hundredths
 * of a credit so no floating-point drift can creep in. Characters are Unicode
 * code points; a word is a maximal run of letters, apostrophes and hyphens.
 */
export interface TextPriceBreakdown {
  /** Every amount in hundredths of a credit. */
  base: number;
  characters: number;
  words: number;
  third_vowels: number;
  length_penalty: number;
  unique_words_discount: number;
  /** The amount the minimum of 1 credit added (0 when the sum was already at least 1). */
  minimum_adjustment: number;
  palindrome_bonus: number;
  total: number;
  stats: {
    character_count: number;
    word_count: number;
    short_words: number;
    medium_words: number;
    long_words: number;
    third_vowel_count: number;
    all_words_unique: boolean;
    palindrome: boolean;
  };
}

const WORD = /[\p{L}'-]+/gu;
const NOT_ALPHANUMERIC = /[^\p{L}\p{N}]/gu;
const VOWELS = new Set("aeiouAEIOU");

const BASE = 100;
const PER_CHARACTER = 5;
const SHORT_WORD = 10; // 1–3 characters
const MEDIUM_WORD = 20; // 4–7
const LONG_WORD = 30; // 8+
const THIRD_VOWEL = 30;
const LENGTH_PENALTY = 500;
const LONG_TEXT = 100;
const UNIQUE_DISCOUNT = 200;
const MINIMUM = 100;

export function isPalindrome(text: string): boolean {
  const letters = [...text.toLowerCase().replace(NOT_ALPHANUMERIC, "")];
  if (letters.length === 0) return false;
  for (let i = 0, j = letters.length - 1; i < j; i++, j--) if (letters[i] !== letters[j]) return false;
  return true;
}

export function priceText(text: string): TextPriceBreakdown {
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
  const unique = words.length > 0 && new Set(words).size === words.length;
  const palindrome = isPalindrome(text);

  const amounts = {
    base: BASE,
    characters: PER_CHARACTER * characters.length,
    words: SHORT_WORD * short + MEDIUM_WORD * medium + LONG_WORD * long,
    third_vowels: THIRD_VOWEL * thirdVowels,
    length_penalty: characters.length > LONG_TEXT ? LENGTH_PENALTY : 0,
    unique_words_discount: unique ? -UNIQUE_DISCOUNT : 0,
  };
  const sum = Object.values(amounts).reduce((a, b) => a + b, 0);
  const floored = Math.max(sum, MINIMUM);
  const total = palindrome ? floored * 2 : floored;
  return {
    ...amounts,
    minimum_adjustment: floored - sum,
    palindrome_bonus: total - floored,
    total,
    stats: {
      character_count: characters.length,
      word_count: words.length,
      short_words: short,
      medium_words: medium,
      long_words: long,
      third_vowel_count: thirdVowels,
      all_words_unique: unique,
      palindrome,
    },
  };
}

/** Hundredths of a credit as the API shows credits: a number with at most two decimals. */
export function toCredits(hundredths: number): number {
  return hundredths / 100;
}

/** Credits (at most two decimals) to hundredths, exactly. */
export function toHundredths(credits: number): number {
  return Math.round(credits * 100);
}
