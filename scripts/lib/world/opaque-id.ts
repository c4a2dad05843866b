/**
 * Opaque ids for households and residents: a keyed 64-bit permutation (a four-round Feistel network
 * over two 32-bit halves) of a sequential number. A permutation, so ids never collide; keyed by
 * the seed, so they reveal neither the place nor the order in which people were generated.
 */
function round(half: number, key: number, i: number): number {
  let x = Math.imul(half ^ key, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b);
  x ^= x >>> 15;
  x = Math.imul(x, 0x2c1b3c6d);
  x ^= x >>> 12;
  x = Math.imul(x, 0x297a2d39);
  return (x ^ (x >>> 15)) >>> 0;
}

export function createOpaqueIds(seed: number) {
  const keys = [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344].map((k) => (k ^ Math.imul(seed + 1, 0x5bd1e995)) >>> 0);
  const permute = (n: number): string => {
    // n < 2^53: split into two 32-bit halves.
    let left = Math.floor(n / 0x100000000) >>> 0;
    let right = n >>> 0;
    for (let i = 0; i < 4; i++) {
      const next = (left ^ round(right, keys[i]!, i)) >>> 0;
      left = right;
      right = next;
    }
    return left.toString(16).padStart(8, '0') + right.toString(16).padStart(8, '0');
  };
  return {
    household: (n: number) => `H${permute(n * 2)}`,
    resident: (n: number) => `R${permute(n * 2 + 1)}`,
  };
}
