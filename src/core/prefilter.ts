// The one cheap early exit before any lexing, shared by the engine (analyzeDocument) and the CLI's
// byte-level file filter, so a file the editor reports on is never dropped by `scan` unread.
//
// A finding always needs one of these words in the document: a client or credential class (azure,
// openai, inference, credential), an Azure AI host (*.azure.com, *.api.cognitive.microsoft.com,
// *.models.ai.azure.com), a REST auth header (api-key, Authorization/Authentication, Bearer) or the
// az CLI token command. A curl to a regional endpoint such as
// https://eastus.api.cognitive.microsoft.com/ with a Bearer token names neither "azure" nor "openai".

export const TRIGGER_WORDS = [
  'azure',
  'openai',
  'inference',
  'cognitive',
  'api-key',
  'bearer',
  'authoriz',
  'authentic',
  'credential',
  'get-access-token',
  'models.ai',
];

/** A literal string as a regular-expression source. */
export const escapeRegExp = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Case-insensitive: AZURE_OPENAI_ENDPOINT, AzureOpenAI and azure.identity all count. */
const TRIGGERS = new RegExp(TRIGGER_WORDS.map(escapeRegExp).join('|'), 'i');

/** False when the text cannot hold any finding (no trigger word); true means "analyse it". */
export function mayHaveFindings(text: string): boolean {
  return TRIGGERS.test(text);
}

/**
 * mayHaveFindings for the raw bytes of an ASCII-compatible file (UTF-8, with or without BOM), without
 * decoding it: read as latin1, every byte is one character, so the ASCII trigger words line up exactly
 * as in the decoded text, and no byte of a multi-byte UTF-8 sequence (all >= 0x80) case-folds to ASCII.
 */
export function bytesMayHaveFindings(bytes: Buffer): boolean {
  return TRIGGERS.test(bytes.toString('latin1'));
}
