import { describe, expect, it } from "vitest";
import { isPalindrome } from "./text-counting";
import { priceText, toCredits } from "./text-pricing";

const credits = (text: string) => toCredits(priceText(text).total);

describe("text pricing: the origin's known answers", () => {
  it.each([
    ["Are there any restrictions on alterations or improvements?", 5.2],
    ["What is the lease term?", 1.85],
    ["orbital latibro", 2.1],
    ["a", 2],
  ])("%j costs %d", (text, expected) => {
    expect(credits(text)).toBe(expected);
  });
});

/*
 * Hand-worked cases, each written out rule by rule (hundredths):
 * base 100, 5 per character, words 10/20/30, 30 per vowel at positions 3,6,9…,
 * +500 over 100 characters, −200 when all words are distinct, floor 100, ×2 palindromes.
 */
describe("text pricing: every rule and edge", () => {
  it("prices the empty text at the minimum, not a palindrome", () => {
    // 100 base; no words so no discount; "" is not a palindrome.
    expect(priceText("")).toMatchObject({ total: 100, minimum_adjustment: 0, palindrome_bonus: 0 });
  });

  it("prices punctuation only: characters but no words, no palindrome", () => {
    // "?!." → 100 + 15 = 115; no words; stripped text is empty so no palindrome.
    expect(priceText("?!.")).toMatchObject({ total: 115, words: 0, unique_words_discount: 0, palindrome_bonus: 0 });
  });

  it("charges the length penalty above 100 characters, not at exactly 100", () => {
    const hundred = "b".repeat(100);
    // one word of 100 letters: 100 + 500 + 30 − 200 = 430, no vowels; palindrome → 860
    expect(priceText(hundred)).toMatchObject({ length_penalty: 0, total: 860 });
    const hundredOne = "b".repeat(101);
    // 100 + 505 + 30 + 500 − 200 = 935; palindrome → 1870
    expect(priceText(hundredOne)).toMatchObject({ length_penalty: 500, total: 1870 });
  });

  it("splits words at digits and other punctuation, keeping apostrophes and hyphens", () => {
    // "abc1def" → words "abc", "def" (10 + 10); 7 chars 35; position 3 'c', 6 'e' vowel → 30; distinct −200
    // 100 + 35 + 20 + 30 − 200 = −15 → floor 100; "abc1def" is not a palindrome.
    expect(priceText("abc1def")).toMatchObject({ words: 20, third_vowels: 30, minimum_adjustment: 115, total: 100 });
    // "don't re-sign" → "don't" (5 characters: 20) and "re-sign" (7: 20).
    const breakdown = priceText("don't re-sign");
    expect(breakdown.stats).toMatchObject({ word_count: 2, medium_words: 2 });
    expect(breakdown.words).toBe(40);
  });

  it("counts repeated words that differ in case as distinct, and exact repeats as not", () => {
    // "Go go": words Go, go distinct → −200; 5 chars 25; 2 short words 20; position 3 ' ' → 0.
    // 100 + 25 + 20 − 200 = −55 → 100; "gogo" reversed is "ogog": no palindrome.
    expect(priceText("Go go")).toMatchObject({ unique_words_discount: -200, total: 100 });
    // "go go go": not all distinct → no discount; 8 chars 40; 3 short 30; position 3 ' ', 6 ' ' → 0. 100+40+30 = 170.
    expect(priceText("go go go")).toMatchObject({ unique_words_discount: 0, total: 170 });
  });

  it("counts non-ASCII letters as letters and characters as code points", () => {
    // "café 🙂 naïve": words café (4: 20), naïve (5: 20); the emoji is one character.
    const breakdown = priceText("café 🙂 naïve");
    expect(breakdown.stats).toMatchObject({ character_count: 12, word_count: 2, medium_words: 2 });
    // positions 3 'f', 6 '🙂', 9 'a' (vowel), 12 'e' (vowel) → 60; 100 + 60 + 40 + 60 − 200 = 60 → 100.
    expect(breakdown.third_vowels).toBe(60);
    expect(breakdown.total).toBe(100);
  });

  it("only counts ASCII vowels at every third position", () => {
    // "xxaxxé": position 3 'a' → vowel; position 6 'é' → not one of aeiouAEIOU.
    expect(priceText("xxaxxé").stats.third_vowel_count).toBe(1);
  });

  it("doubles palindromes, ignoring case, punctuation and spaces, including digits", () => {
    expect(isPalindrome("A man, a plan, a canal: Panama!")).toBe(true);
    expect(isPalindrome("12321")).toBe(true);
    expect(isPalindrome("1a2-A1")).toBe(true);
    expect(isPalindrome("1a2-B1")).toBe(false);
    expect(isPalindrome("No 'x' in Nixon")).toBe(true);
    // "Abba" → 4 chars 20; one word of 4 → 20; position 3 'b' → 0; distinct −200 → 100+20+20−200 = −60 → 100; ×2 = 200
    expect(priceText("Abba")).toMatchObject({ minimum_adjustment: 160, palindrome_bonus: 100, total: 200 });
  });

  it("keeps the breakdown summing to the total", () => {
    for (const text of ["", "a", "Hello, world!", "x".repeat(150), "Was it a car or a cat I saw?", "l'été-là 2024"]) {
      const b = priceText(text);
      expect(
        b.base +
          b.characters +
          b.words +
          b.third_vowels +
          b.length_penalty +
          b.unique_words_discount +
          b.minimum_adjustment +
          b.palindrome_bonus,
      ).toBe(b.total);
    }
  });
});

describe("the one-pass fast path", () => {
  it("agrees with the general implementation on any text", async () => {
    const { default: fc } = await import("fast-check");
    const { priceTextReference } = await import("./text-pricing");
    // Words, separators, digits, apostrophes, hyphens, vowels and mixed case, so every rule fires.
    const piece = fc.constantFrom(
      "a",
      "e",
      "I",
      "O",
      "u",
      "b",
      "Z",
      "'",
      "-",
      " ",
      ",",
      "?",
      "1",
      "7",
      "abba",
      "Noon",
      "lease",
      "re-sign",
      "don't",
      "x".repeat(9),
      "é",
      "ß",
      "Ω",
      "日本",
      "🙂",
      "𝒜",
      "٣",
      "\u0301",
      "\ud800",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join("");
        expect(priceText(text)).toEqual(priceTextReference(text));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "grapheme-ascii", maxLength: 300 }),
          fc.string({ unit: "grapheme", maxLength: 300 }),
          fc.string({ unit: "binary", maxLength: 300 }),
        ),
        (text) => {
          expect(priceText(text)).toEqual(priceTextReference(text));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
