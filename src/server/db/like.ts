/** LIKE patterns with the user's text taken literally (its %, _ and \ escaped). */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** `%text%`: the text anywhere. */
export const containsPattern = (s: string) => `%${escapeLike(s)}%`;

/** `text%`: the text at the start (can use a prefix index). */
export const prefixPattern = (s: string) => `${escapeLike(s)}%`;
