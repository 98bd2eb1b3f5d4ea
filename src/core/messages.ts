// Finding messages are rendered here and only here: a rule's meta.messages[messageId] with its
// `{placeholder}`s filled from the report's data. A missing messageId or placeholder is a bug in the
// rule, so it throws (tests catch it) instead of showing a half-filled message to the user.
export type MessageData = Readonly<Record<string, string | number>>;

/** `{name}`: an identifier in single braces. Anything else in braces (`{ Audience = x }`) is literal text. */
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export class MessageError extends Error {}

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

export function renderMessage(
  meta: { id: string; messages: Readonly<Record<string, string>> },
  messageId: string,
  data: MessageData = {},
): string {
  const template = Object.prototype.hasOwnProperty.call(meta.messages, messageId)
    ? meta.messages[messageId]
    : undefined;
  if (template === undefined) throw new MessageError(`${meta.id}: unknown messageId "${messageId}"`);
  // one pass: a value that itself contains `{x}` is never expanded again
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = Object.prototype.hasOwnProperty.call(data, name) ? data[name] : undefined;
    if (value === undefined || value === null)
      throw new MessageError(`${meta.id}/${messageId}: placeholder {${name}} has no data`);
    return String(value);
  });
}
