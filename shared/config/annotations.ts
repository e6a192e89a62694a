/** Schema keywords that document a field but do not constrain it (Ajv must be told they exist). */
export const ANNOTATION_KEYWORDS = ['paper'] as const;
