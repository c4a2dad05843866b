export const Grid = {
  /** Civil affairs owns the grid; agriculture only refers to it. */
  __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
};
