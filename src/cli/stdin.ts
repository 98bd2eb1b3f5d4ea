// Standard input for `explain -`: read up to a byte limit and then stop, so `< /dev/zero` or a huge
// pipe costs at most that much memory (the rest is never read).
export function readStdinBounded(maxBytes: number, input: NodeJS.ReadableStream = process.stdin): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      input.removeListener('data', onData);
      input.pause();
      (input as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      resolve(Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8'));
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      chunks.push(bytes);
      size += bytes.length;
      if (size >= maxBytes) done();
    };
    input.on('data', onData);
    input.once('end', done);
    input.once('error', (e: unknown) => {
      if (!settled) {
        settled = true;
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
}
