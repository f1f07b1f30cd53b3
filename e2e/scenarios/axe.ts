import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { PanelSession } from '../harness/index.js';

/** One axe-core violation, cut to what a failing assertion needs to say. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; summary: string }[];
}

let source: string | undefined;

/**
 * Runs axe-core (Deque's WCAG checker, the one browsers' own audits build on) in the panel
 * document: WCAG 2.x A and AA rules, colour contrast and ARIA included. Injected once per page.
 */
export async function axeViolations(panel: PanelSession): Promise<AxeViolation[]> {
  source ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await panel.panelEval<boolean>(`typeof window.axe === 'object'`);
  if (!loaded) await panel.panelEval(`(() => { ${source}\n; return typeof window.axe === 'object'; })()`);
  return panel.panelEval<AxeViolation[]>(`(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact ?? null, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: String(n.target.join(' ')), summary: (n.failureSummary ?? '').slice(0, 300) })),
    }));
  })()`);
}
