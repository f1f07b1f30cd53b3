import type { CookieFinding } from '../../../core/cookies/rules.js';

export function Findings({ findings }: { findings: readonly CookieFinding[] }) {
  if (findings.length === 0) return null;
  return (
    <ul class="findings">
      {findings.map((f) => (
        <li
          class={`finding sev-${f.severity}`}
          data-testid="cookie-finding"
          data-rule={f.ruleId}
          data-severity={f.severity}
        >
          <span class="sev">{f.severity}</span> {f.message}{' '}
          <a href={f.specUrl} target="_blank" rel="noreferrer noopener">
            {f.spec}
          </a>
        </li>
      ))}
    </ul>
  );
}
