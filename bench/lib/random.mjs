// A small seeded PRNG so every generated document and tree is identical from run to run
// (figures stay comparable, and cached trees under .bench/ stay valid).

/** mulberry32: returns a function giving floats in [0, 1). */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick(random, items) {
  return items[Math.floor(random() * items.length)];
}

export function int(random, min, max) {
  return min + Math.floor(random() * (max - min + 1));
}
