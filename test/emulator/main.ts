// Entry point of the Azure emulator: `node out/test/emulator/main.js --port 0 [--scenario NAME]`
// (or AZURE_AI_AUTH_DOCTOR_EMULATOR_SCENARIO) prints EMULATOR_URL=http://127.0.0.1:PORT and serves
// until killed. The harness starts it for tests (which switch scenarios through the admin API) and
// for `npm start`, whose demo workspace matches the default scenario, `demo`.
import { startEmulator } from './server';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const emulator = await startEmulator({
    port: Number(arg('port') ?? 0),
    scenario: arg('scenario') ?? process.env.AZURE_AI_AUTH_DOCTOR_EMULATOR_SCENARIO ?? 'demo',
  });
  process.stdout.write(`EMULATOR_URL=${emulator.url}\n`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  process.stderr.write(`emulator failed: ${(err as Error).message}\n`);
  process.exit(1);
});
