// Shared by the unit suites that talk to the Azure emulator in-process: start it, put the fake
// `az` on PATH and point it at the emulator, restore the environment afterwards.
import { resolve } from 'node:path';
import { startEmulator, type Emulator } from '../emulator/server';

export interface EmulatorEnv {
  emulator: Emulator;
  restore(): Promise<void>;
}

export async function withEmulator(scenario = 'all-good'): Promise<EmulatorEnv> {
  const emulator = await startEmulator({ scenario });
  const saved = { PATH: process.env.PATH, URL: process.env.AZURE_AI_AUTH_DOCTOR_EMULATOR_URL };
  process.env.PATH = `${resolve('test/emulator/bin')}:${process.env.PATH}`;
  process.env.AZURE_AI_AUTH_DOCTOR_EMULATOR_URL = emulator.url;
  return {
    emulator,
    async restore() {
      process.env.PATH = saved.PATH;
      if (saved.URL === undefined) delete process.env.AZURE_AI_AUTH_DOCTOR_EMULATOR_URL;
      else process.env.AZURE_AI_AUTH_DOCTOR_EMULATOR_URL = saved.URL;
      await emulator.close();
    },
  };
}

export async function token(url: string, resource: string): Promise<string> {
  const r = await fetch(`${url}/_emulator/token?resource=${encodeURIComponent(resource)}`);
  return ((await r.json()) as { accessToken: string }).accessToken;
}
