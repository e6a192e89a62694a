/** Config texts for the language-server tests, built from one valid base so each test shows only its slip. */

export interface ConfigParts {
  data?: string;
  training?: string;
  mixture?: string;
  extra?: string;
}

const twoDomains = `{
    "domains": [
      { "name": "fiction", "path": "corpus/fiction.txt" },
      { "name": "code", "path": "corpus/code.txt" }
    ]
  }`;

export function configText(parts: ConfigParts = {}): string {
  return `{
  // a tiny run for the language-server tests
  "version": 1,
  "name": "lsp-test",${parts.extra ?? ''}
  "data": ${parts.data ?? twoDomains},
  "training": ${parts.training ?? '{ "steps": 300 }'},
  "mixture": ${parts.mixture ?? '{ "policy": "natural" }'}
}
`;
}

export function pileSource(jsonl: string, more = ''): string {
  return `{
    "source": { "jsonl": "${jsonl}"${more} }
  }`;
}
