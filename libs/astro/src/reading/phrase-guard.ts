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
/** A text broken into what the repetition rule compares. */
interface Analysis {
  readonly text: string;
  /** One key per sentence (its words), and one per run of PHRASE_WORDS words in a sentence. */
  readonly sentences: readonly number[];
  readonly phrases: readonly number[];
  /** The text repeats a sentence or phrase of its own. */
  readonly repeatsItself: boolean;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const nonAsciiIsWordChar = new Map<number, boolean>();

function isWordChar(code: number, ch: string): boolean {
  if (code < 128) {
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  }
  let known = nonAsciiIsWordChar.get(code);
  if (known === undefined) {
    known = LETTER_OR_DIGIT.test(ch);
    nonAsciiIsWordChar.set(code, known);
  }
  return known;
}

/** Folds the word hashes of a run into one key of 53 bits (two independent 32-bit mixes). */
function runKey(hashes: readonly number[], from: number, to: number): number {
  let a = 0x9e3779b9;
  let b = 0x85ebca6b;
  for (let i = from; i < to; i++) {
    a = Math.imul(a ^ hashes[i]!, 0x01000193) >>> 0;
    b = Math.imul(b + hashes[i]!, 0xc2b2ae35) >>> 0;
  }
  return a * 0x200000 + (b & 0x1fffff);
}

/**
 * Splits a text into sentences (after . ! or ? and a space) and words (runs of letters and
 * digits, case folded) in one pass, hashing each word (FNV-1a) as it goes. It agrees with
 * sentencesOf and the tests' own count; equal words, sentences and runs always give equal keys, and a rare
 * collision of unequal ones only makes the guard pass over a wording it could have used.
 */
function analyse(text: string): Analysis {
  const sentences: number[] = [];
  const phrases: number[] = [];
  let hashes: number[] = [];
  let hash = 0x811c9dc5;
  let inWord = false;
  const endSentence = () => {
    if (hashes.length === 0) return;
    sentences.push(runKey(hashes, 0, hashes.length));
    for (let i = 0; i + PHRASE_WORDS <= hashes.length; i++)
      phrases.push(runKey(hashes, i, i + PHRASE_WORDS));
    hashes = [];
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const ch = text[i]!;
    if (isWordChar(code, ch)) {
      const lower =
        code >= 65 && code <= 90 ? code + 32 : code < 128 ? code : ch.toLowerCase().charCodeAt(0);
      hash = Math.imul((inWord ? hash : 0x811c9dc5) ^ lower, 0x01000193);
      inWord = true;
      continue;
    }
    if (inWord) hashes.push(hash >>> 0);
    inWord = false;
    // A full stop, question or exclamation mark followed by white space ends a sentence.
    if (
      (code === 46 || code === 33 || code === 63) &&
      i + 1 < text.length &&
      /\s/.test(text[i + 1]!)
    ) {
      endSentence();
    }
  }
  if (inWord) hashes.push(hash >>> 0);
  endSentence();
  const repeatsItself =
    new Set(sentences).size !== sentences.length || new Set(phrases).size !== phrases.length;
  return { text, sentences, phrases, repeatsItself };
}

// The fixed texts (paragraphs, meanings, notes) recur in every reading; their analyses are
// kept. Texts filled from a chart are analysed afresh and never kept, so this stays bounded
// by the languages' own texts.
const FIXED_ANALYSES = new Map<string, Analysis>();

function analyseFixed(text: string): Analysis {
  let analysis = FIXED_ANALYSES.get(text);
  if (analysis === undefined) {
    analysis = analyse(text);
    FIXED_ANALYSES.set(text, analysis);
  }
  return analysis;
}

/**
 * Keeps one reading free of repetition: no sentence twice, and no run of PHRASE_WORDS words
 * twice (inside a sentence). Candidates are tried in order and the first that repeats nothing
 * is kept; a terse last resort (at most six words, unique to its placement) closes every
 * choice, so a reading always says something for each placement without repeating itself.
 */
export class PhraseGuard {
  readonly #sentences = new Set<number>();
  readonly #phrases = new Set<number>();
  /** How many choices fell through to their fallback. */
  fallbacks = 0;

  /** `finish` turns a template's text into its final form (a language's contractions). */
  constructor(readonly finish: (text: string) => string = (text) => text) {}

  #fits(a: Analysis): boolean {
    if (a.repeatsItself) return false;
    for (const sentence of a.sentences) if (this.#sentences.has(sentence)) return false;
    for (const phrase of a.phrases) if (this.#phrases.has(phrase)) return false;
    return true;
  }

  #add(a: Analysis): string {
    for (const sentence of a.sentences) this.#sentences.add(sentence);
    for (const phrase of a.phrases) this.#phrases.add(phrase);
    return a.text;
  }

  /** Whether a text (one or more sentences) repeats nothing said so far, nor itself. */
  fits(text: string): boolean {
    return this.#fits(analyse(text));
  }

  /** Records a text as said. */
  add(text: string): string {
    return this.#add(analyse(text));
  }

  /**
   * The first candidate that repeats nothing, starting at `start` and wrapping; else the
   * fallback. A candidate may be a function, so that only the wordings tried are written out;
   * fallback. When a `terse` last resort is given the fallback is checked too, and the terse
   * text is said only if the fallback would repeat.
   */
  choose(
    candidates: readonly (string | (() => string))[],
    fallback: string,
    start = 0,
    terse?: string,
  ): string {
    for (let k = 0; k < candidates.length; k++) {
      const candidate = candidates[(start + k) % candidates.length]!;
      const a = analyse(this.finish(typeof candidate === "string" ? candidate : candidate()));
      if (this.#fits(a)) return this.#add(a);
    }
    this.fallbacks++;
    const last = analyse(this.finish(fallback));
    if (terse === undefined || this.#fits(last)) return this.#add(last);
    return this.add(this.finish(terse));
  }

  /** A text said as it is (it must not repeat: used for what is said once per reading). */
  say(text: string): string {
    return this.add(this.finish(text));
  }

  /**
   * One of a fixed pool of optional sentences, the first unused from `start` on, or null
   * when every one of them would repeat the reading.
   */
  pick(pool: readonly string[], start: number): string | null {
    for (let k = 0; k < pool.length; k++) {
      const a = analyseFixed(this.finish(pool[(start + k) % pool.length]!));
      if (this.#fits(a)) return this.#add(a);
    }
    return null;
  }

  /**
   * The sentences of a fixed text that repeat nothing (a sentence that would is left out), or
   * the fallback when none is left.
   */
  keep(text: string, fallback: string): string {
    const whole = analyseFixed(this.finish(text));
    if (this.#fits(whole)) return this.#add(whole);
    const kept = sentencesOf(whole.text)
      .map((s) => analyse(s))
      .filter((a) => this.#fits(a) && this.#add(a) !== "")
      .map((a) => a.text)
      .join(" ");
    if (kept !== "") return kept;
    this.fallbacks++;
    return this.add(this.finish(fallback));
  }
}
