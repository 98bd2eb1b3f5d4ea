// Generated source files for the benchmarks: mostly ordinary code (functions, loops, strings with
// escapes, comments, nested brackets) in each language the engine analyses, with a few Azure AI
// client constructions (some right, some wrong) so the rules have something to find.
import { int, pick, seeded } from './random.mjs';

export const LANGUAGES = ['python', 'javascript', 'typescript', 'csharp', 'java'];
export const EXTENSION = { python: '.py', javascript: '.js', typescript: '.ts', csharp: '.cs', java: '.java' };

const WORDS = [
  'order',
  'item',
  'user',
  'cart',
  'total',
  'price',
  'queue',
  'batch',
  'token',
  'record',
  'state',
  'limit',
  'count',
  'page',
  'cache',
  'event',
];
const HOSTS = [
  'https://contoso-{n}.openai.azure.com/',
  'https://contoso-{n}.services.ai.azure.com/models',
  'https://contoso-{n}.services.ai.azure.com/api/projects/proj{n}',
  'https://contoso-{n}.cognitiveservices.azure.com/',
  'https://contoso-{n}.openai.azure.com/openai/v1/',
];
const SCOPES = [
  'https://cognitiveservices.azure.com/.default',
  'https://ml.azure.com/.default',
  'https://ai.azure.com/.default',
];

function name(random) {
  const a = pick(random, WORDS);
  const b = pick(random, WORDS);
  return `${a}${b[0].toUpperCase()}${b.slice(1)}${int(random, 0, 999)}`;
}

const ordinary = {
  python(r) {
    const f = name(r);
    const v = name(r);
    return [
      `def ${f}(${v}, limit=${int(r, 1, 99)}):`,
      `    """Return the ${pick(r, WORDS)} values of ${v} (escape test: \\"quoted\\" and {braces})."""`,
      `    result = []`,
      `    for index, entry in enumerate(${v}):`,
      `        if index >= limit:  # stop at the limit, 'quote' in comment`,
      `            break`,
      `        label = f"{entry['${pick(r, WORDS)}']}-{index:04d}"`,
      `        result.append({"label": label, "value": entry.get("${pick(r, WORDS)}", ${int(r, 0, 500)})})`,
      `    total = sum(x["value"] for x in result if x["value"] > ${int(r, 0, 50)})`,
      `    return sorted(result, key=lambda x: (x["value"], x["label"]))[:total or None]`,
      ``,
    ];
  },
  javascript(r) {
    const f = name(r);
    const v = name(r);
    return [
      `export function ${f}(${v}, options = { limit: ${int(r, 1, 99)}, tag: 'x' }) {`,
      `  // Collect ${pick(r, WORDS)} entries; "quotes" and 'quotes' and \`ticks\` in a comment`,
      `  const out = [];`,
      `  for (const [index, entry] of ${v}.entries()) {`,
      `    if (index >= options.limit) break;`,
      `    const label = \`\${entry.${pick(r, WORDS)}}-\${String(index).padStart(4, '0')}\`;`,
      `    out.push({ label, value: entry['${pick(r, WORDS)}'] ?? ${int(r, 0, 500)}, re: /[a-z]+\\/\\d{2}/g.test(label) });`,
      `  }`,
      `  return out.filter((x) => x.value > ${int(r, 0, 50)}).sort((a, b) => a.value - b.value || a.label.localeCompare(b.label));`,
      `}`,
      ``,
    ];
  },
  typescript(r) {
    const f = name(r);
    const v = name(r);
    const t = `Entry${int(r, 0, 999)}`;
    return [
      `interface ${t} { label: string; value: number; tags?: Array<Record<string, number>> }`,
      `export function ${f}(${v}: ReadonlyArray<Partial<${t}>>, limit = ${int(r, 1, 99)}): ${t}[] {`,
      `  /* Collect ${pick(r, WORDS)} entries: "double", 'single', \`tick\` inside a block comment */`,
      `  const out: ${t}[] = [];`,
      `  for (let index = 0; index < Math.min(limit, ${v}.length); index++) {`,
      `    const entry = ${v}[index] as ${t};`,
      `    const label = \`\${entry.label ?? '${pick(r, WORDS)}'}-\${(index * ${int(r, 2, 9)}).toString(16)}\`;`,
      `    out.push({ label, value: (entry.value ?? ${int(r, 0, 500)}) * 2, tags: entry.tags?.map((m) => ({ ...m })) });`,
      `  }`,
      `  return out.sort((a, b) => a.value - b.value);`,
      `}`,
      ``,
    ];
  },
  csharp(r) {
    const f = name(r);
    const v = name(r);
    return [
      `    public static IReadOnlyList<(string Label, int Value)> ${f[0].toUpperCase()}${f.slice(1)}(IEnumerable<Dictionary<string, int>> ${v}, int limit = ${int(r, 1, 99)})`,
      `    {`,
      `        // Collect ${pick(r, WORDS)} entries; "quotes" in a comment`,
      `        var result = new List<(string Label, int Value)>();`,
      `        foreach (var (entry, index) in ${v}.Select((e, i) => (e, i)))`,
      `        {`,
      `            if (index >= limit) break;`,
      `            var label = $"{entry.GetValueOrDefault("${pick(r, WORDS)}", ${int(r, 0, 500)})}-{index:D4} \\"q\\"";`,
      `            result.Add((label, entry.TryGetValue(@"${pick(r, WORDS)}", out var value) ? value : ${int(r, 0, 50)}));`,
      `        }`,
      `        return result.OrderBy(x => x.Value).ThenBy(x => x.Label).ToList();`,
      `    }`,
      ``,
    ];
  },
  java(r) {
    const f = name(r);
    const v = name(r);
    return [
      `    public static List<Map.Entry<String, Integer>> ${f}(List<Map<String, Integer>> ${v}, int limit) {`,
      `        // Collect ${pick(r, WORDS)} entries; "quotes" in a comment`,
      `        List<Map.Entry<String, Integer>> result = new ArrayList<>();`,
      `        for (int index = 0; index < Math.min(limit, ${v}.size()); index++) {`,
      `            Map<String, Integer> entry = ${v}.get(index);`,
      `            String label = String.format("%s-%04d \\"q\\"", entry.getOrDefault("${pick(r, WORDS)}", ${int(r, 0, 500)}), index);`,
      `            result.add(Map.entry(label, entry.getOrDefault("${pick(r, WORDS)}", ${int(r, 0, 50)})));`,
      `        }`,
      `        result.sort(Map.Entry.comparingByValue());`,
      `        return result;`,
      `    }`,
      ``,
    ];
  },
};

const azure = {
  python(r, n) {
    const host = pick(r, HOSTS).replaceAll('{n}', String(n));
    return pick(r, [
      [
        `client_${n} = ChatCompletionsClient(`,
        `    endpoint="${host}",`,
        `    credential=DefaultAzureCredential(),`,
        `    credential_scopes=["${pick(r, SCOPES)}"],`,
        `)`,
        ``,
      ],
      [
        `token_provider_${n} = get_bearer_token_provider(DefaultAzureCredential(), "${pick(r, SCOPES)}")`,
        `client_${n} = AzureOpenAI(azure_endpoint="${host}", azure_ad_token_provider=token_provider_${n}, api_version="2024-10-21")`,
        ``,
      ],
    ]);
  },
  javascript(r, n) {
    const host = pick(r, HOSTS).replaceAll('{n}', String(n));
    return pick(r, [
      [
        `const provider${n} = getBearerTokenProvider(new DefaultAzureCredential(), "${pick(r, SCOPES)}");`,
        `const client${n} = new AzureOpenAI({ endpoint: "${host}", azureADTokenProvider: provider${n}, apiVersion: "2024-10-21" });`,
        ``,
      ],
      [
        `const client${n} = ModelClient("${host}", new DefaultAzureCredential(), { credentials: { scopes: ["${pick(r, SCOPES)}"] } });`,
        ``,
      ],
    ]);
  },
  typescript(r, n) {
    return azure.javascript(r, n);
  },
  csharp(r, n) {
    const host = pick(r, HOSTS).replaceAll('{n}', String(n));
    return pick(r, [
      [
        `    private static readonly AzureOpenAIClient Client${n} = new AzureOpenAIClient(new Uri("${host}"), new DefaultAzureCredential());`,
        ``,
      ],
      [
        `    private static readonly ChatCompletionsClient Client${n} = new ChatCompletionsClient(new Uri("${host}"), new DefaultAzureCredential());`,
        ``,
      ],
    ]);
  },
  java(r, n) {
    const host = pick(r, HOSTS).replaceAll('{n}', String(n));
    return pick(r, [
      [
        `    private static final ChatCompletionsClient CLIENT_${n} = new ChatCompletionsClientBuilder()`,
        `        .endpoint("${host}")`,
        `        .credential(new DefaultAzureCredentialBuilder().build())`,
        `        .buildClient();`,
        ``,
      ],
      [
        `    private static final OpenAIClient OPENAI_${n} = new OpenAIClientBuilder().endpoint("${host}").credential(new DefaultAzureCredentialBuilder().build()).buildClient();`,
        ``,
      ],
    ]);
  },
};

const header = {
  python: [
    'from azure.ai.inference import ChatCompletionsClient',
    'from azure.identity import DefaultAzureCredential, get_bearer_token_provider',
    'from openai import AzureOpenAI',
    '',
  ],
  javascript: [
    'import { AzureOpenAI } from "openai";',
    'import ModelClient from "@azure-rest/ai-inference";',
    'import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";',
    '',
  ],
  typescript: [
    'import { AzureOpenAI } from "openai";',
    'import ModelClient from "@azure-rest/ai-inference";',
    'import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";',
    '',
  ],
  csharp: [
    'using Azure.AI.OpenAI;',
    'using Azure.AI.Inference;',
    'using Azure.Identity;',
    '',
    'namespace Bench;',
    '',
    'public static class Generated',
    '{',
  ],
  java: [
    'import com.azure.ai.inference.*;',
    'import com.azure.ai.openai.*;',
    'import com.azure.identity.*;',
    'import java.util.*;',
    '',
    'public final class Generated {',
  ],
};
const footer = { python: [], javascript: [], typescript: [], csharp: ['}'], java: ['}'] };
/** Plain code without any import (used for the ~99% of workspace files that do not touch Azure AI). */
const plainHeader = {
  python: ['import json', ''],
  javascript: [''],
  typescript: [''],
  csharp: ['namespace Bench;', '', 'public static class Plain', '{'],
  java: ['import java.util.*;', '', 'public final class Plain {'],
};

/**
 * A document of about `lines` lines in `language`. `azureEvery`: one Azure AI client construction
 * per that many lines (0: none, and no Azure imports). Deterministic for a given seed.
 */
export function generateDocument(language, lines, { seed = 1, azureEvery = 1000 } = {}) {
  const r = seeded(seed);
  const withAzure = azureEvery > 0;
  const out = [...(withAzure ? header : plainHeader)[language]];
  const end = footer[language];
  let nextAzure = withAzure ? Math.min(azureEvery, Math.max(20, Math.floor(lines / 3))) : Infinity;
  let n = 0;
  while (out.length < lines - end.length) {
    if (out.length >= nextAzure) {
      out.push(...azure[language](r, n++));
      nextAzure += azureEvery;
    } else {
      out.push(...ordinary[language](r));
    }
  }
  out.length = Math.min(out.length, lines - end.length);
  out.push(...end);
  return out.join('\n') + '\n';
}
