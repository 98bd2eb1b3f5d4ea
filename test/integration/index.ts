// Placeholder; the harness issue fills this in.
export async function run(): Promise<void> {}
