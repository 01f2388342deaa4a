import type { AspectType } from "../aspect-types.js";
import type { BodyId } from "../body-ids.js";

interface AspectSlots {
  /** "Venus", "the Moon". */
  readonly a: string;
  readonly b: string;
  /** "your affections". */
  readonly themeA: string;
  readonly themeB: string;
  /** "2°14′". */
  readonly orb: string;
}

type AspectTemplate = (s: AspectSlots) => string;

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Major aspects in two wordings each. */
export const ASPECT_TEXTS: Readonly<Partial<Record<AspectType, readonly AspectTemplate[]>>> = {
  conjunction: [
    (s) =>
      `${capitalize(s.a)} conjunct ${s.b} (orb ${s.orb}) fuses ${s.themeA} with ${s.themeB}: the two act as one, for better and for worse, and neither can be expressed without stirring the other.`,
    (s) =>
      `${capitalize(s.a)} and ${s.b} stand together (a conjunction, orb ${s.orb}). ${capitalize(s.themeA)} and ${s.themeB} blend into a single, concentrated force that is a defining note of the chart.`,
  ],
  sextile: [
    (s) =>
      `${capitalize(s.a)} sextile ${s.b} (orb ${s.orb}) lets ${s.themeA} and ${s.themeB} cooperate readily. It is an opening rather than a guarantee: a little effort brings them together productively.`,
    (s) =>
      `A sextile between ${s.a} and ${s.b} (orb ${s.orb}) links ${s.themeA} with ${s.themeB} in a friendly way, offering opportunities that reward you when you act on them.`,
  ],
  square: [
    (s) =>
      `${capitalize(s.a)} square ${s.b} (orb ${s.orb}) sets ${s.themeA} against ${s.themeB}. The friction can be uncomfortable, but it is also a motor: it pushes you to act and, over time, to build real skill.`,
    (s) =>
      `With ${s.a} square ${s.b} (orb ${s.orb}), ${s.themeA} and ${s.themeB} want different things at the same time. Learning to give each its turn turns a recurring tension into strength.`,
  ],
  trine: [
    (s) =>
      `${capitalize(s.a)} trine ${s.b} (orb ${s.orb}) lets ${s.themeA} flow easily into ${s.themeB}. This is a natural talent, so easy that it can be taken for granted unless you put it to work.`,
    (s) =>
      `A trine from ${s.a} to ${s.b} (orb ${s.orb}) brings ${s.themeA} and ${s.themeB} into easy harmony; what they share comes to you without strain and is worth developing on purpose.`,
  ],
  opposition: [
    (s) =>
      `${capitalize(s.a)} opposite ${s.b} (orb ${s.orb}) puts ${s.themeA} and ${s.themeB} on either side of a see-saw. You may swing between them, or meet one side in other people, until you find a balance that honours both.`,
    (s) =>
      `With ${s.a} opposing ${s.b} (orb ${s.orb}), ${s.themeA} and ${s.themeB} face each other across the chart. Relationships tend to bring this polarity into view, and awareness of it becomes a source of perspective.`,
  ],
};

const PERSONAL: readonly BodyId[] = ["sun", "moon", "mercury", "venus", "mars"];
const OUTER: readonly BodyId[] = ["uranus", "neptune", "pluto"];

/** A closing remark that depends on what kind of planets form the aspect. */
export function pairNote(a: BodyId, b: BodyId): string {
  const personal = [a, b].filter((x) => PERSONAL.includes(x)).length;
  const outer = [a, b].filter((x) => OUTER.includes(x)).length;
  if (personal === 2)
    return "Both are personal planets, so this shows up plainly in everyday life.";
  if (personal === 1 && outer === 1) {
    return "Because a slow outer planet touches a personal one, this theme is felt personally and tends to return at turning points.";
  }
  if (outer === 2)
    return "Both planets move slowly, so this is a mark of your generation more than of you alone.";
  return "";
}
