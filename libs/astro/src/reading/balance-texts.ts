import type { Element, Modality } from "../zodiac.js";

export const ELEMENT_STRONG: Readonly<Record<Element, string>> = {
  fire: "Fire is your strongest element. You are moved by enthusiasm, courage and the urge to create, and you tend to trust your instincts and act on them.",
  earth:
    "Earth is your strongest element. You are practical, patient and grounded, and you trust what can be seen, built and measured.",
  air: "Air is your strongest element. You live through ideas, words and relationships, and you need to understand a thing before you feel settled about it.",
  water:
    "Water is your strongest element. Feeling, intuition and attachment guide you, and you read people and atmospheres with unusual sensitivity.",
};

export const ELEMENT_WEAK: Readonly<Record<Element, string>> = {
  fire: "Fire is scarce in your chart, so enthusiasm and self-assertion may need conscious encouragement; exercise, play and bold small steps help.",
  earth:
    "Earth is scarce in your chart, so routines, money and the body may need deliberate attention; simple structures make your other gifts usable.",
  air: "Air is scarce in your chart, so stepping back to look at a situation objectively, and putting feelings into words, may take practice.",
  water:
    "Water is scarce in your chart, so feelings may be easier to analyse than to feel; time with people you trust helps them surface.",
};

export const MODALITY_STRONG: Readonly<Record<Modality, string>> = {
  cardinal:
    "Cardinal signs lead in your chart: you are an initiator, at your best at the start of things and quick to respond to a new situation.",
  fixed:
    "Fixed signs lead in your chart: you are persistent and loyal, at your best when you can see something through, though slow to change course.",
  mutable:
    "Mutable signs lead in your chart: you are flexible and adaptable, at your best in the middle of change, though you may find it hard to commit.",
};
