// The order in which one round of the sync part runs its arms. Two arms alternate (ABBA: each pair in the other order
// than the one before). Three or more rotate, and every other cycle of rotations runs reversed (a Williams design:
// for three arms, six rounds put each arm in each position twice and after each other arm twice), so neither a
// position in the round nor the arm run just before favours one arm.

/** The arms in the order round `i` (from 0) runs them. */
export function armOrder<T>(arms: readonly T[], i: number): T[] {
  if (arms.length <= 2) return i % 2 ? [...arms].reverse() : [...arms];
  const shift = i % arms.length;
  const rotated = [...arms.slice(shift), ...arms.slice(0, shift)];
  return Math.floor(i / arms.length) % 2 ? rotated.reverse() : rotated;
}
