const WHITESPACE = /\s/;

/**
 * Where a long text can be cut so that encoding the two parts separately gives the same tokens as
 * encoding the whole: before a lone whitespace character that sits between two non-whitespace
 * characters. BPE pre-tokenisers (GPT-2's regex, byte-level and metaspace splitters) already split
 * there, attaching at most the space to the following word. Returns text.length when there is no
 * such place, moved back one if that would split a surrogate pair.
 */
export function safeCutIndex(text: string): number {
  for (let i = text.length - 2; i >= 1; i--) {
    if (WHITESPACE.test(text[i]) && !WHITESPACE.test(text[i - 1]) && !WHITESPACE.test(text[i + 1])) return i;
  }
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? text.length - 1 : text.length;
}
