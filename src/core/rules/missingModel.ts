// missing-model: the shared model inference endpoint (…/models) serves every deployment and picks one by
// `model` in the request; without it the call fails (seed 404 row: `model="<model-deployment-name>"` in
// the payloads [D2]). The v1 API also needs the deployment name in `model` [D4].
import { named } from '../model/calls';
import { FileModel } from '../model';
import { restRequests } from './restRequests';
import { defineRule, docsUrl, edit, fix, fixes, type RuleContext, type RuleMeta } from './rule';

const MODEL_IN_CODE: Record<string, RegExp> = {
  python: /\bmodel\s*=|["']model["']\s*:/,
  js: /\bmodel\s*[:,}]|["']model["']\s*:/,
  csharp: /\bModel\s*=|\bmodel\s*:|"model"/,
  java: /setModel\s*\(|\.model\s*\(|"model"/,
};

export const meta = {
  id: 'missing-model',
  defaultSeverity: 'warning',
  languages: ['python', 'js', 'csharp', 'java', 'http', 'shell'],
  description: 'no `model` on the shared `/models` endpoint',
  docs: {
    url: docsUrl('missing-model'),
    details: 'Call to the model inference endpoint without a model (deployment name).',
  },
  messages: {
    client:
      '{cls} calls the shared model inference endpoint \'{url}\', which picks the deployment by `model`, but no model is given in the constructor or in any request in this file; pass model="<deployment-name>" or the call fails.',
    request:
      'The request to \'{url}\' has no "model" in its JSON body; this endpoint picks the deployment by "model", so add "model": "<deployment-name>".',
    v1Call:
      'This {receiver}create() call on the Azure v1 API has no `model`; the v1 API picks the deployment by `model` (the deployment name), so pass model="<deployment-name>".',
  },
} satisfies RuleMeta;
type Ctx = RuleContext<keyof typeof meta.messages>;

export const missingModel = defineRule({
  meta,
  check(ctx) {
    const { doc } = ctx;
    let modelInFile: boolean | undefined;
    for (const c of ctx.clients) {
      if (c.spec.family !== 'inference' || c.info?.kind !== 'model-inference' || c.spec.className === 'load_client')
        continue;
      if (named(c.args, 'model')) continue;
      const re = MODEL_IN_CODE[doc.family ?? ''];
      modelInFile ??= !!re && doc.matchesOutsideComments(re, 'odel');
      if (modelInFile) continue;
      const f =
        doc.family === 'python'
          ? fix(
              'Add model="<deployment-name>"',
              [edit(doc, c.insertAt, c.insertAt, ', model="<deployment-name>"')],
              true,
            )
          : undefined;
      ctx.report({
        messageId: 'client',
        data: { cls: c.spec.display, url: c.info.url },
        start: c.call.calleeStart,
        end: c.call.calleeEnd,
        fixes: fixes(f),
        endpoint: c.info.url,
      });
    }
    checkRequests(ctx);
    if (doc.family === 'python' || doc.family === 'js') checkV1Calls(ctx);
  },
});

/** .http requests, curl / Invoke-RestMethod commands and REST calls in code (requests, fetch, …) to
 * …/models/chat/completions or …/openai/v1/… whose JSON body (as written, or the variable it is built in) lacks "model". */
function checkRequests(ctx: Ctx) {
  for (const r of restRequests(ctx.doc)) {
    const { info, url } = r;
    const needsModel =
      (info.kind === 'model-inference' && /^\/models\/(chat\/completions|embeddings)/i.test(info.path)) ||
      (info.kind === 'openai-v1' && /^\/openai\/v1\/(chat\/completions|embeddings|responses)/i.test(info.path));
    if (!needsModel) continue;
    if (!/[{]/.test(r.rest) || /["']?\bmodel["']?\s*[:=]|[{,]\s*model\s*[,}]/.test(r.rest)) continue;
    ctx.report({
      messageId: 'request',
      data: { url },
      start: r.start,
      end: r.end,
      endpoint: url,
    });
  }
}

/** Plain OpenAI client on the v1 API: chat.completions / embeddings / responses .create(...) without `model` [D4]. */
function checkV1Calls(ctx: Ctx) {
  const { doc } = ctx;
  const v1 = ctx.clients.filter((c) => c.spec.family === 'openai' && c.info?.kind === 'openai-v1');
  if (v1.length === 0) return;
  const onlyV1 = ctx.clients.every((c) => c.spec.family === 'openai' && c.info?.kind === 'openai-v1');
  const model = FileModel.of(doc);
  if (!model) return;
  for (const call of model.calls(['create'])) {
    const receiver = doc.code.slice(call.exprStart, call.calleeStart).replace(/\s+/g, '');
    if (!/(?:chat\.completions|embeddings|responses)\.$/.test(receiver)) continue;
    // the receiver must be a v1 client: its variable is assigned from one (or every client in the file is one)
    const root = /^(?:self\.|this\.)?[A-Za-z_$][\w$]*/.exec(receiver)?.[0];
    const binding = root ? model.lookup(root.replace(/^(?:self|this)\./, ''), call.exprStart) : undefined;
    const assigned = binding?.value;
    const isV1 = assigned
      ? v1.some((c) => c.call.exprStart >= assigned.startIndex && c.call.exprStart <= assigned.endIndex)
      : onlyV1;
    if (!isV1) continue;
    const args = doc.family === 'js' ? call.args[0]?.props : call.args;
    if (!args || named(args, 'model')) continue;
    if (args.some((a) => !a.name || doc.code.startsWith('**', a.start))) continue; // spread / **kwargs: unknown
    ctx.report({
      messageId: 'v1Call',
      data: { receiver, url: v1[0].info?.url ?? '' },
      start: call.calleeStart,
      end: call.calleeEnd,
      endpoint: v1[0].info?.url,
    });
  }
}
