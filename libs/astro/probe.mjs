import { computeChart, generateReading } from "./dist/index.js";

let seed = 20240615;
const next = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
};
const pad = (n) => String(n).padStart(2, "0");
let total = 0,
  short = 0,
  noMeaning = 0,
  aspectsN = 0;
const shorts = new Map();
for (let i = 0; i < 300; i++) {
  const input = {
    datetime: `${1900 + Math.floor(next() * 200)}-${pad(1 + Math.floor(next() * 12))}-${pad(1 + Math.floor(next() * 28))}T${pad(Math.floor(next() * 24))}:${pad(Math.floor(next() * 60))}`,
    utcOffset: "+00:00",
    latitude: -60 + next() * 125,
    longitude: -180 + next() * 360,
    timeUnknown: next() < 0.15,
    aspectTypes: ["conjunction", "sextile", "square", "trine", "opposition"],
    orbs: { conjunction: 10, opposition: 10, square: 8, trine: 8, sextile: 6 },
  };
  const r = generateReading(computeChart(input));
  for (const s of r.sections)
    for (const p of s.paragraphs)
      for (const sent of p.text.split(/(?<=[.!?])\s+/)) {
        total++;
        if (sent.split(/\s+/).length <= 5) {
          short++;
          const k = s.id + ":" + sent.replace(/[A-Z][a-z]+|\d+°\d+′|\d+/g, "X");
          shorts.set(k, (shorts.get(k) ?? 0) + 1);
        }
      }
  for (const p of r.sections.find((s) => s.id === "aspects")?.paragraphs ?? []) {
    aspectsN++;
    if (p.text.split(/(?<=[.!?])\s+/).length < 2) noMeaning++;
  }
}
console.log({ total, short, aspectsN, noMeaning });
console.log([...shorts].sort((a, b) => b[1] - a[1]).slice(0, 15));
