// The rule registry: every rule the engine runs, in a stable order.
import type { Rule } from './rule';
import { openaiClassEndpoint } from './openaiClassEndpoint';

export const RULES: Rule[] = [openaiClassEndpoint];
