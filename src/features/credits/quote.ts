import { priceText, type TextPriceBreakdown, toCredits } from "./text-pricing";

export interface Quote {
  credits: number;
  priced_by: "report" | "text";
  report?: { id: number; name: string; credit_cost: number };
  unknown_report_id?: number;
  rules: Array<{ rule: string; description: string; credits: number }>;
}

/** Each text rule as a customer reads it, with its amount. */
export function explainText(b: TextPriceBreakdown): Quote["rules"] {
  const s = b.stats;
  return [
    { rule: "base", description: "base cost", credits: toCredits(b.base) },
    { rule: "characters", description: `+0.05 per character (${s.character_count} characters)`, credits: toCredits(b.characters) },
    {
      rule: "words",
      description:
        `+0.1 per word of 1–3 characters (${s.short_words}), +0.2 per word of 4–7 (${s.medium_words}), ` +
        `+0.3 per word of 8 or more (${s.long_words})`,
      credits: toCredits(b.words),
    },
    {
      rule: "third_vowels",
      description: `+0.3 per vowel at positions 3, 6, 9, … (${s.third_vowel_count})`,
      credits: toCredits(b.third_vowels),
    },
    { rule: "length_penalty", description: "+5 when the text is longer than 100 characters", credits: toCredits(b.length_penalty) },
    {
      rule: "unique_words",
      description: "−2 when the text has words and all of them are distinct",
      credits: toCredits(b.unique_words_discount),
    },
    { rule: "minimum", description: "raised to the minimum of 1 credit", credits: toCredits(b.minimum_adjustment) },
    {
      rule: "palindrome",
      description: "×2 when the text, letters and digits only, reads the same backwards",
      credits: toCredits(b.palindrome_bonus),
    },
  ];
}

/**
 * The price of a message and why: a known report sets it, otherwise the
 * text rules do (an unknown report id falls back to the text, as the origin
 * does when the report service answers 404).
 */
export function quoteMessage(
  text: string | undefined,
  reportId: number | null | undefined,
  report: { id: number; name: string; creditCost: number } | undefined,
): Quote | undefined {
  if (report) {
    return {
      credits: toCredits(report.creditCost),
      priced_by: "report",
      report: { id: report.id, name: report.name, credit_cost: toCredits(report.creditCost) },
      rules: [],
    };
  }
  if (text === undefined) return undefined;
  const breakdown = priceText(text);
  return {
    credits: toCredits(breakdown.total),
    priced_by: "text",
    ...(reportId !== undefined && reportId !== null && { unknown_report_id: reportId }),
    rules: explainText(breakdown),
  };
}
