// projects-sdk-api: the verdict follows the workspace manifest (AnalysisContext.packages); without one the
// rule speaks only where the call fails on every current release.
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/analyze';
import { applyTextEdits } from '../../src/core/fixes';
import { PACKAGE_MANIFEST_GLOBS, WorkspacePackages, isPackageManifest, parseManifest } from '../../src/core/packages';
import { WorkspaceEnv } from '../../src/core/env';
import { compileGlobs } from '../../src/editor/glob';

const PY = `from azure.ai.projects import AIProjectClient
project = AIProjectClient(endpoint=e, credential=cred)
client = project.get_openai_client(api_version="2024-10-21")
old = AIProjectClient.from_connection_string(credential=cred, conn_str=s)
`;
const rules = (text: string, lang: string, manifest?: [string, string]) => {
  const packages = new WorkspacePackages();
  if (manifest) packages.set(manifest[0], manifest[1]);
  return analyzeDocument(text, lang, {
    fileName: '/w/app/main.py',
    packages: packages.sourceFor('/w/app/main.py'),
  }).findings.filter((f) => f.rule === 'projects-sdk-api');
};

describe('projects-sdk-api', () => {
  it('without a manifest: only the removal that fails on every current release', () => {
    const found = rules(PY, 'python');
    assert.deepEqual(
      found.map((f) => f.messageId),
      ['fromConnectionString'],
    );
    assert.match(found[0].message, /was removed on 2025-05-15 \(azure-ai-projects 1\.0\.0b11/);
    const out = applyTextEdits(PY, found[0].fixes[0].edits)!;
    assert.match(
      out,
      /old = AIProjectClient\(endpoint="https:\/\/<account>\.services\.ai\.azure\.com\/api\/projects\/<project>", credential=cred\)/,
    );
  });

  it('with azure-ai-projects 2.x (or unpinned) in the nearest manifest: api_version is flagged and removed', () => {
    for (const req of ['azure-ai-projects>=2.0.0\n', 'azure-ai-projects\n', 'azure_ai_projects ~= 2.1\n']) {
      const found = rules(PY, 'python', ['/w/requirements.txt', req]);
      const f = found.find((x) => x.messageId === 'apiVersion');
      assert.ok(f, req);
      const out = applyTextEdits(PY, f.fixes[0].edits)!;
      assert.match(out, /client = project\.get_openai_client\(\)/);
    }
  });

  it('with 1.x pinned: silent on api_version; with a pre-1.0.0b11 pin: silent on from_connection_string', () => {
    assert.deepEqual(
      rules(PY, 'python', ['/w/requirements.txt', 'azure-ai-projects==1.0.0\n']).map((f) => f.messageId),
      ['fromConnectionString'],
    );
    assert.deepEqual(
      rules(PY, 'python', ['/w/app/pyproject.toml', '[project]\ndependencies = ["azure-ai-projects==1.0.0b10"]\n']),
      [],
    );
  });

  it('JS getAzureOpenAIClient: only when the manifest allows 2.x', () => {
    const js =
      'import { AIProjectClient } from "@azure/ai-projects";\nconst c = await project.getAzureOpenAIClient();\n';
    const at = (manifest?: string) => {
      const packages = new WorkspacePackages();
      if (manifest) packages.set('/w/package.json', manifest);
      return analyzeDocument(js, 'typescript', {
        fileName: '/w/src/a.ts',
        packages: packages.sourceFor('/w/src/a.ts'),
      }).findings.filter((f) => f.rule === 'projects-sdk-api');
    };
    assert.equal(at().length, 0);
    assert.equal(at('{"dependencies": {"@azure/ai-projects": "1.0.1"}}').length, 0);
    const [f] = at('{"dependencies": {"@azure/ai-projects": "^2.0.0"}}');
    assert.equal(applyTextEdits(js, f.fixes[0].edits), js.replace('getAzureOpenAIClient', 'getOpenAIClient'));
  });

  it('reads requirements, PEP 621 and poetry manifests; the nearest manifest that lists the package wins', () => {
    assert.equal(
      parseManifest('/w/requirements.txt', 'azure-ai-projects>=2.0.0,<3  # pin\n').get('azure-ai-projects'),
      '>=2.0.0,<3',
    );
    assert.equal(
      parseManifest('/w/pyproject.toml', '[tool.poetry.dependencies]\nazure-ai-projects = "^2.1"\n').get(
        'azure-ai-projects',
      ),
      '^2.1',
    );
    const p = new WorkspacePackages();
    p.set('/w/requirements.txt', 'azure-ai-projects==1.0.0\n');
    p.set('/w/app/requirements.txt', 'azure-ai-projects>=2.0.0\n');
    p.set('/w/other/requirements.txt', 'azure-ai-projects==0.9\n');
    assert.equal(p.sourceFor('/w/app/x/main.py').lookup('pypi', 'azure-ai-projects')?.spec, '>=2.0.0');
    assert.equal(p.sourceFor('/w/lib/main.py').lookup('pypi', 'Azure_AI_Projects')?.spec, '==1.0.0');
  });

  it('the editor finds the manifests the CLI reads: PACKAGE_MANIFEST_GLOBS and isPackageManifest agree', () => {
    const globbed = compileGlobs(PACKAGE_MANIFEST_GLOBS.map((g) => `**/${g}`));
    for (const name of [
      'package.json',
      'pyproject.toml',
      'requirements.txt',
      'requirements-dev.txt',
      'requirements.in',
    ])
      assert.ok(globbed(`app/${name}`) && isPackageManifest(`/w/app/${name}`), name);
    for (const name of ['package-lock.json', 'setup.py', 'Pipfile', 'constraints.txt'])
      assert.ok(!globbed(`app/${name}`) && !isPackageManifest(`/w/app/${name}`), name);
  });

  it('WorkspaceEnv carries the manifests: set, has and delete, as the editor and the CLI feed it', () => {
    const env = new WorkspaceEnv();
    env.set('/w/requirements.txt', 'azure-ai-projects==2.0.0\n');
    assert.ok(env.has('/w/requirements.txt'));
    assert.equal(env.packages.sourceFor('/w/app.py').lookup('pypi', 'azure-ai-projects')?.spec, '==2.0.0');
    env.delete('/w/requirements.txt');
    assert.ok(!env.has('/w/requirements.txt'));
    assert.equal(env.packages.sourceFor('/w/app.py').lookup('pypi', 'azure-ai-projects'), undefined);
  });
});
