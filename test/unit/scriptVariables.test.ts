// Variables of shell scripts and .http files: assignments, fallbacks and expansion.
import * as assert from 'node:assert/strict';
import { Doc } from '../../src/core/scan/document';
import { scriptVariables } from '../../src/core/scan/scriptVariables';

const expandIn = (text: string, languageId: string, ref: string) => {
  const doc = new Doc(text, languageId, { fileName: 'x' });
  return scriptVariables(doc).expand(ref, text.length);
};

describe('scriptVariables', () => {
  it('expands bash $NAME, ${NAME} and the default of ${NAME:-default} when NAME is unset', () => {
    const text = 'BASE=https://a.openai.azure.com\nexport P="/openai"\nX="${UNSET:-https://b.openai.azure.com}"\n';
    assert.equal(expandIn(text, 'shellscript', '$BASE${P}/v1'), 'https://a.openai.azure.com/openai/v1');
    assert.equal(expandIn(text, 'shellscript', '$X'), 'https://b.openai.azure.com');
    assert.equal(expandIn(text, 'shellscript', '${UNSET:?required}'), '${UNSET:?required}');
  });

  it('takes the last assignment above the use', () => {
    const text = 'E=one\nE=two\n';
    const doc = new Doc(text, 'shellscript', { fileName: 'x' });
    assert.equal(scriptVariables(doc).expand('$E', 5), 'one');
    assert.equal(scriptVariables(doc).expand('$E', text.length), 'two');
  });

  it('reads PowerShell ?? and if/else fallbacks, case-insensitively', () => {
    const text =
      '$Endpoint = $env:UNSET ?? "https://r.openai.azure.com"\n$k = if ($env:UNSET) { $env:UNSET } else { "v" }\n';
    assert.equal(expandIn(text, 'powershell', '$endpoint/x'), 'https://r.openai.azure.com/x');
    assert.equal(expandIn(text, 'powershell', '$K'), 'v');
  });

  it('expands .http {{variables}} through other variables and leaves system variables alone', () => {
    const text = '@region = eastus\n@host = https://{{region}}.api.cognitive.microsoft.com\n';
    assert.equal(
      expandIn(text, 'http', '{{host}}/x {{$aadToken}}'),
      'https://eastus.api.cognitive.microsoft.com/x {{$aadToken}}',
    );
  });

  it('stops on self-reference and keeps unknown names as written', () => {
    assert.equal(expandIn('A=$A$A\n', 'shellscript', '$A').length < 10_000, true);
    assert.equal(expandIn('', 'shellscript', '$NOPE/x'), '$NOPE/x');
  });
});
