/**
 * The credit cost of a message priced from its text, in integer hundredths
 * of a credit so no floating-point drift can creep in. What the rules count
 * (characters, words, vowels, palindromes) is defined in text-counting.ts.
 */
import { countAsciiText, countTextOnePass, countTextReference, type TextCounts } from "./text-counting";

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

type Amounts = Pick<TextPriceBreakdown, "base" | "characters" | "words" | "third_vowels" | "length_penalty" | "unique_words_discount">;

/** Applies the rules to what a pass over the text counted. */
function fromCounts(c: TextCounts): TextPriceBreakdown {
  const wordCount = c.short + c.medium + c.long;
  const unique = wordCount > 0 && !c.repeated;
  return finish(
    {
      base: BASE,
      characters: PER_CHARACTER * c.characters,
      words: SHORT_WORD * c.short + MEDIUM_WORD * c.medium + LONG_WORD * c.long,
      third_vowels: THIRD_VOWEL * c.thirdVowels,
      length_penalty: c.characters > LONG_TEXT ? LENGTH_PENALTY : 0,
      unique_words_discount: unique ? -UNIQUE_DISCOUNT : 0,
    },
    {
      character_count: c.characters,
      word_count: wordCount,
      short_words: c.short,
      medium_words: c.medium,
      long_words: c.long,
      third_vowel_count: c.thirdVowels,
      all_words_unique: unique,
      palindrome: c.palindrome,
    },
  );
}

function finish(amounts: Amounts, stats: TextPriceBreakdown["stats"]): TextPriceBreakdown {
  const sum =
    amounts.base + amounts.characters + amounts.words + amounts.third_vowels + amounts.length_penalty + amounts.unique_words_discount;
  const floored = Math.max(sum, MINIMUM);
  const total = stats.palindrome ? floored * 2 : floored;
  // Spelled out: an object spread here cost more than pricing the text itself.
  return {
    base: amounts.base,
    characters: amounts.characters,
    words: amounts.words,
    third_vowels: amounts.third_vowels,
    length_penalty: amounts.length_penalty,
    unique_words_discount: amounts.unique_words_discount,
    minimum_adjustment: floored - sum,
    palindrome_bonus: total - floored,
    total,
    stats,
  };
}

/** The rules applied to the general count: what the fast counts in priceText must agree with. */
export function priceTextReference(text: string): TextPriceBreakdown {
  return fromCounts(countTextReference(text));
}

/** The credit cost of a text, in hundredths, with the amount of every rule. */
export function priceText(text: string): TextPriceBreakdown {
  return fromCounts(countAsciiText(text) ?? countTextOnePass(text) ?? countTextReference(text));
}

/** Hundredths of a credit as the API shows credits: a number with at most two decimals. */
export function toCredits(hundredths: number): number {
  return hundredths / 100;
}

/** Credits (at most two decimals) to hundredths, exactly. */
export function toHundredths(credits: number): number {
  return Math.round(credits * 100);
}
