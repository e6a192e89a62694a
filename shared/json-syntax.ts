/**
 * JSON syntax errors in words, placed by line and column, quoting none of the text. V8's own
 * JSON.parse messages quote up to a whole line, and a message about a user's file can reach any
 * client of a daemon, which must not read the file's content through it.
 */
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { TextPositions } from './config/text-positions';

/** JSON.parse, throwing an Error that says what is wrong and where, e.g. `not valid JSON (expected "," at column 12)`. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`not valid JSON (${jsonSyntaxProblem(text)})`);
  }
}

/** The first problem strict JSON finds in `text`; the column alone for a single line (a JSONL record, whose line its caller names). */
function jsonSyntaxProblem(text: string): string {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const [first] = errors;
  if (!first) return 'rejected by JSON.parse';
  const { line, character } = new TextPositions(text).positionAt(first.offset);
  return `${describeParseError(printParseErrorCode(first.error))} at ${text.includes('\n') ? `line ${line + 1}, ` : ''}column ${character + 1}`;
}

/** jsonc-parser's error code in words, for any JSON or JSON-with-comments file a user wrote. */
export function describeParseError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'malformed number',
    PropertyNameExpected: 'expected a quoted key',
    ValueExpected: 'expected a value',
    ColonExpected: 'expected ":"',
    CommaExpected: 'expected ","',
    CloseBraceExpected: 'expected "}"',
    CloseBracketExpected: 'expected "]"',
    EndOfFileExpected: 'unexpected text after the end of the object',
    InvalidCommentToken: 'a comment, which JSON does not allow',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'malformed number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in string',
  };
  return words[code] ?? code;
}
