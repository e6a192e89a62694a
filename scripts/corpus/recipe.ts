/** How one domain of the embedded corpus is made: where its text comes from and how documents are chosen. */

export interface NpmPackage {
  name: string;
  /** Exact version, so a rebuild gives the same bytes. */
  version: string;
  /** The licence of what we take (which may differ from the package's code licence). */
  licence: string;
  /** Files of the package that the licence requires to accompany copies, reproduced in NOTICE. */
  noticeFiles: string[];
}

interface RecipeBase {
  /** Names data/default/<domain>.txt and the config's domain. */
  domain: string;
  /** For NOTICE: what was taken and how it was selected. */
  taken: string;
  /** Between documents in the .txt file. */
  joiner?: string;
}

export interface NpmRecipe extends RecipeBase {
  package: NpmPackage;
  /** Candidate documents in source order; the builder keeps whole ones up to the byte cap. */
  documents(packageDir: string): Iterable<string>;
}

export interface GeneratedRecipe extends RecipeBase {
  /** For NOTICE: the program that writes the text and its licence. */
  generator: string;
  documents(): Iterable<string>;
}

export type DomainRecipe = NpmRecipe | GeneratedRecipe;
