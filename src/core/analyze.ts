// analyzeDocument(text, context) -> findings. (Engine under construction: see issue 3.)
import type { AnalysisContext, AnalysisResult } from './types';

export function analyzeDocument(_text: string, _languageId: string, _context: AnalysisContext): AnalysisResult {
  return { findings: [], endpoints: [], clients: [] };
}
