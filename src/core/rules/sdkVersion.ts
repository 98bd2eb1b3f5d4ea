// sdk-version: the seed's first row ("You're using an SDK. Known issues. ... install the latest version")
// made concrete from manifests (requirements*.txt, pyproject.toml, package.json, *.csproj, pom.xml,
// build.gradle(.kts)): retired azure-ai-inference SDKs [D12] (tense from the clock: timeline.ts), openai-python versions with auth defects
// [I24][P2], the removed @azure/openai 1.x client [JO2]. Fix: bump the version in the manifest.
import { PACKAGE_ADVICE, allBelow, type Ecosystem, type PackageAdvice } from '../knowledge/sdkVersions';
import type { Doc } from '../scan/document';
import { defineRule, docsUrl, edit, fix, fixes, type RuleMeta } from './rule';
import { isPast, whenPhrase } from '../knowledge/timeline';

interface Dep {
  ecosystem: Ecosystem;
  name: string;
  nameStart: number;
  nameEnd: number;
  spec: string;
  specStart: number;
  specEnd: number;
  style: 'pep508' | 'poetry' | 'npm' | 'nuget' | 'maven';
}

function manifestKind(fileName: string): string | undefined {
  const base = fileName.split(/[\\/]/).pop()!.toLowerCase();
  if (/^requirements[\w.-]*\.(txt|in)$/.test(base)) return 'requirements';
  if (base === 'pyproject.toml') return 'pyproject';
  if (base === 'package.json') return 'package.json';
  if (base.endsWith('.csproj') || base === 'directory.packages.props') return 'csproj';
  if (base === 'pom.xml') return 'pom';
  if (base === 'build.gradle' || base === 'build.gradle.kts') return 'gradle';
  return undefined;
}

const PEP508 =
  /^([ \t]*)([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?[ \t]*((?:(?:===|==|~=|!=|<=|>=|<|>)[ \t]*[\w.*+!-]+[ \t]*,?[ \t]*)*)/;

function collect(doc: Doc, kind: string): Dep[] {
  const text = doc.lexed.noComments;
  const deps: Dep[] = [];
  const pushPep = (line: string, offset: number) => {
    const m = PEP508.exec(line);
    if (!m) return;
    const nameStart = offset + m[1].length;
    const specText = m[4].replace(/[\s,]+$/, '');
    const specStart = offset + m[0].length - m[4].length;
    deps.push({
      ecosystem: 'pypi',
      name: m[2],
      nameStart,
      nameEnd: nameStart + m[2].length,
      spec: specText,
      specStart,
      specEnd: specStart + specText.length,
      style: 'pep508',
    });
  };
  if (kind === 'requirements') {
    let off = 0;
    for (const line of text.split('\n')) {
      if (!/^\s*-/.test(line)) pushPep(line, off);
      off += line.length + 1;
    }
  } else if (kind === 'pyproject') {
    for (const t of doc.lexed.strings) pushPep(doc.text.slice(t.valueStart, t.valueEnd), t.valueStart); // PEP 621 arrays
    const re = /^[ \t]*([A-Za-z0-9][A-Za-z0-9._-]*)[ \t]*=[ \t]*(?:\{[^}\n]*?version[ \t]*=[ \t]*)?"([^"\n]*)"/gm; // poetry
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const specStart = m.index + m[0].length - 1 - m[2].length;
      const ns = m.index + m[0].indexOf(m[1]);
      deps.push({
        ecosystem: 'pypi',
        name: m[1],
        nameStart: ns,
        nameEnd: ns + m[1].length,
        spec: m[2],
        specStart,
        specEnd: specStart + m[2].length,
        style: 'poetry',
      });
    }
  } else if (kind === 'package.json') {
    const re = /"(@?[\w.-]+(?:\/[\w.-]+)?)"\s*:\s*"([^"\n]*)"/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const specStart = m.index + m[0].length - 1 - m[2].length;
      deps.push({
        ecosystem: 'npm',
        name: m[1],
        nameStart: m.index + 1,
        nameEnd: m.index + 1 + m[1].length,
        spec: m[2],
        specStart,
        specEnd: specStart + m[2].length,
        style: 'npm',
      });
    }
  } else if (kind === 'csproj') {
    const re = /<PackageReference\b[^>]*?\bInclude\s*=\s*"([^"]+)"[^>]*?(?:\bVersion\s*=\s*"([^"]*)")?[^>]*>/gi;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const ns = m.index + m[0].indexOf(`"${m[1]}"`) + 1;
      const vi = m[2] !== undefined ? m[0].lastIndexOf(`"${m[2]}"`) + 1 : -1;
      const specStart = vi >= 0 ? m.index + vi : ns;
      deps.push({
        ecosystem: 'nuget',
        name: m[1],
        nameStart: ns,
        nameEnd: ns + m[1].length,
        spec: m[2] ?? '',
        specStart,
        specEnd: specStart + (m[2]?.length ?? 0),
        style: 'nuget',
      });
    }
  } else if (kind === 'pom') {
    const re =
      /<dependency>\s*<groupId>\s*([\w.-]+)\s*<\/groupId>\s*<artifactId>\s*([\w.-]+)\s*<\/artifactId>(?:\s*<version>\s*([^<\s]*)\s*<\/version>)?/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const ns = m.index + m[0].indexOf(`>${m[2]}<`) + 1;
      const vs = m[3] !== undefined ? m.index + m[0].lastIndexOf(`>${m[3]}<`) + 1 : ns;
      deps.push(mavenDependency(m, ns, vs));
    }
  } else if (kind === 'gradle') {
    const re = /["']([\w.-]+):([\w.-]+)(?::([\w.+-]+))?["']/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const ns = m.index + 1 + m[1].length + 1;
      const vs = m[3] !== undefined ? ns + m[2].length + 1 : ns;
      deps.push(mavenDependency(m, ns, vs));
    }
  }
  return deps;
}

/** A pom.xml or Gradle match (groups: group id, artifact id, optional version) with where its artifact and version start. */
function mavenDependency(m: RegExpExecArray, nameStart: number, specStart: number): Dep {
  return {
    ecosystem: 'maven',
    name: `${m[1]}:${m[2]}`,
    nameStart,
    nameEnd: nameStart + m[2].length,
    spec: m[3] ?? '',
    specStart,
    specEnd: specStart + (m[3]?.length ?? 0),
    style: 'maven',
  };
}

function bumpedSpec(dep: Dep, version: string): string {
  switch (dep.style) {
    case 'pep508':
      return `>=${version}`;
    case 'poetry':
    case 'npm':
      return `^${version}`;
    default:
      return version;
  }
}

export const meta = {
  id: 'sdk-version',
  defaultSeverity: 'warning',
  languages: ['manifest', 'config'],
  description: 'retired or defective SDK versions in manifests, with the version that fixes it',
  docs: {
    url: docsUrl('sdk-version'),
    details: 'Retired or defective SDK version in a manifest: upgrade to the version that fixes it.',
  },
  messages: {
    retiring:
      '{package} (the Azure AI Inference beta SDK) is deprecated and {when}; its default token scope (https://ml.azure.com/.default) is also a common cause of 401s. Move to {replacement}.',
    retired:
      '{package} (the Azure AI Inference beta SDK) {when}, together with the Model Inference API (/models) it calls. Move to {replacement}.',
    defective: '{package} {spec}: {why}. Upgrade to {fixVersion} or later.',
  },
} satisfies RuleMeta;

export const sdkVersion = defineRule({
  meta,
  check(ctx) {
    const { doc } = ctx;
    const kind = manifestKind(doc.fileName);
    if (!kind) return;
    const lowerName = (d: Dep) =>
      d.ecosystem === 'pypi' ? d.name.toLowerCase().replace(/[._]/g, '-') : d.name.toLowerCase();
    for (const dep of collect(doc, kind)) {
      const advice = PACKAGE_ADVICE.filter(
        (a: PackageAdvice) => a.ecosystem === dep.ecosystem && a.name.toLowerCase() === lowerName(dep),
      );
      for (const a of advice) {
        if (a.retired) {
          ctx.report({
            messageId: isPast(a.retired.fact, ctx.now) ? 'retired' : 'retiring',
            data: {
              package: a.name,
              date: a.retired.fact.date,
              when: whenPhrase(a.retired.fact, ctx.now),
              replacement: a.retired.replacement,
            },
            start: dep.nameStart,
            end: dep.nameEnd,
          });
          break;
        }
        if (a.below && dep.spec && allBelow(dep.spec, a.below.version)) {
          const newSpec = bumpedSpec(dep, a.below.fixVersion);
          ctx.report({
            messageId: 'defective',
            data: { package: a.name, spec: dep.spec, why: a.below.why, fixVersion: a.below.fixVersion },
            start: dep.specStart,
            end: dep.specEnd,
            severity: a.below.severity,
            fixes: fixes(
              fix(`Upgrade ${a.name} to ${newSpec}`, [edit(doc, dep.specStart, dep.specEnd, newSpec)], true),
            ),
          });
          break;
        }
      }
    }
  },
});
