// Browser-level foundation check: the workbench of a real VS Code (code-server) shows the
// extension's activity-bar view container and its commands in the command palette, the demo file
// opens, and no Content-Security-Policy violation is logged. Screenshots go to .test-artifacts/.
import * as assert from 'node:assert/strict';
import { openWorkbench, type Workbench } from './workbench';

describe('ui foundation: the extension in the browser workbench', function () {
  this.timeout(180_000);
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ folder: 'test/fixtures/demo', name: 'foundation' });
  });
  after(async () => {
    await wb?.close();
  });

  it('shows the Azure AI Auth Doctor view container in the activity bar', async () => {
    await wb.waitForActivityBarItem('Azure AI Auth Doctor');
    await wb.screenshot('workbench');
  });

  it('lists the extension commands in the command palette', async () => {
    for (const title of ['Check Entra ID access', 'Analyse Workspace', 'Show Troubleshooting Panel']) {
      // One filter per command: the palette renders only the rows that fit on screen.
      const labels = await wb.paletteItems(`Azure AI Auth: ${title}`);
      assert.ok(
        labels.some((label) => label.includes(title)),
        `'${title}' is listed; got ${JSON.stringify(labels)}`,
      );
    }
  });

  it('opens the demo app.py and shows the finding as a squiggle', async () => {
    await wb.openFile('app.py');
    const squiggle = wb.page.locator(
      '.editor-group-container.active .monaco-editor :is(.squiggly-error, .squiggly-warning, .squiggly-info)',
    );
    await squiggle.first().waitFor({ state: 'attached', timeout: 30_000 });
    await wb.screenshot('app-py');
  });

  it('logs no Content-Security-Policy violation', () => {
    assert.deepEqual(wb.cspViolations, []);
  });
});
