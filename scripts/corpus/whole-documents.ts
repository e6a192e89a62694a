/**
 * The corpus keeps whole documents only: a cut-off licence or speech would misrepresent its
 * source, so selection stops before the first document that would cross the byte cap.
 */
export function takeWholeDocuments(documents: Iterable<string>, capBytes: number, joiner: string): string[] {
  const kept: string[] = [];
  let bytes = 0;
  for (const document of documents) {
    const added = Buffer.byteLength(document) + (kept.length > 0 ? Buffer.byteLength(joiner) : 0);
    if (bytes + added > capBytes) break;
    kept.push(document);
    bytes += added;
  }
  return kept;
}

/** Unix line ends, no trailing spaces, at most one blank line in a row, no blank edges. */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
