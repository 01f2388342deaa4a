/** Words of a text as the repetition rule counts them: letters and digits, lower case. */
export function wordsOf(sentence: string): string[] {
  return sentence.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Sentences of a paragraph: split after a full stop, question or exclamation mark. */
export function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?])\s+/).filter((s) => s !== "");
}

/** The length of phrase that may not occur twice in one reading. */
export const PHRASE_WORDS = 6;

/**
 * Keeps one reading free of repetition: no sentence twice, and no run of PHRASE_WORDS words
 * twice (inside a sentence). Candidates are tried in order and the first that repeats nothing
 * is kept; a fallback short enough to hold no such run (and specific to its placement) closes
 * every choice, so a reading always says something for each placement without repeating itself.
 */
export class PhraseGuard {
  readonly #sentences = new Set<string>();
  readonly #phrases = new Set<string>();
  /** How many choices fell through to their fallback. */
  fallbacks = 0;

  /** `finish` turns a template's text into its final form (a language's contractions). */
  constructor(readonly finish: (text: string) => string = (text) => text) {}

  #keysOf(sentence: string): { sentence: string; phrases: string[] } {
    const words = wordsOf(sentence);
    const phrases: string[] = [];
    for (let i = 0; i + PHRASE_WORDS <= words.length; i++) {
      phrases.push(words.slice(i, i + PHRASE_WORDS).join(" "));
    }
    return { sentence: words.join(" "), phrases };
  }

  /** Whether a text (one or more sentences) repeats nothing said so far, nor itself. */
  fits(text: string): boolean {
    const seenSentences = new Set<string>();
    const seenPhrases = new Set<string>();
    for (const s of sentencesOf(text)) {
      const { sentence, phrases } = this.#keysOf(s);
      if (this.#sentences.has(sentence) || seenSentences.has(sentence)) return false;
      seenSentences.add(sentence);
      for (const p of phrases) {
        if (this.#phrases.has(p) || seenPhrases.has(p)) return false;
        seenPhrases.add(p);
      }
    }
    return true;
  }

  /** Records a text as said. */
  add(text: string): string {
    for (const s of sentencesOf(text)) {
      const { sentence, phrases } = this.#keysOf(s);
      this.#sentences.add(sentence);
      for (const p of phrases) this.#phrases.add(p);
    }
    return text;
  }

  /** The first candidate that repeats nothing, starting at `start` and wrapping; else the fallback. */
  choose(candidates: readonly string[], fallback: string, start = 0): string {
    for (let k = 0; k < candidates.length; k++) {
      const text = this.finish(candidates[(start + k) % candidates.length]!);
      if (this.fits(text)) return this.add(text);
    }
    this.fallbacks++;
    return this.add(this.finish(fallback));
  }

  /** A text said as it is (it must not repeat: used for what is said once per reading). */
  say(text: string): string {
    return this.add(this.finish(text));
  }

  /**
   * The sentences of a fixed text that repeat nothing (a sentence that would is left out), or
   * the fallback when none is left.
   */
  keep(text: string, fallback: string): string {
    const kept = sentencesOf(this.finish(text))
      .filter((s) => this.fits(s) && this.add(s) !== "")
      .join(" ");
    if (kept !== "") return kept;
    this.fallbacks++;
    return this.add(this.finish(fallback));
  }
}
