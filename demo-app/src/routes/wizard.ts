import { Router } from 'express';
import { escape, form, page } from '../html.js';
import { session, type StoreMode } from '../session-access.js';

/** Each step's one field; answers accumulate in session.wizard until the last step completes it. */
const STEPS: Record<string, [field: string, label: string, fallback: string]> = {
  '1': ['name', 'Your name', 'Ann'],
  '2': ['email', 'Email', 'ann@example.test'],
  '3': ['plan', 'Plan (free/pro)', 'pro'],
};

export function wizardRoutes(mode: StoreMode): Router {
  const router = Router();

  router.get('/wizard/done', (req, res) => {
    const w = session(req).wizard;
    res.send(
      page(
        'Wizard done',
        `<p data-testid="wizard-summary">${escape(JSON.stringify(w ?? null))}</p><a href="/" data-testid="home-link">Home</a>`,
        mode,
      ),
    );
  });

  router.get('/wizard/:step', (req, res) => {
    const step = STEPS[req.params.step];
    if (!step) return res.status(404).send(page('No such step', '<a href="/wizard/1">Start again</a>', mode));
    const [field, label, fallback] = step;
    const saved = session(req).wizard?.answers?.[field];
    res.send(
      page(
        `Wizard step ${req.params.step} of 3`,
        form(`/wizard/${req.params.step}`, `wizard-${req.params.step}`, 'Next', [
          [field, saved ?? fallback, label],
        ]),
        mode,
      ),
    );
  });

  router.post('/wizard/:step', (req, res) => {
    const stepName = req.params.step;
    const step = STEPS[stepName];
    if (!step) return res.redirect(303, '/wizard/1');
    const s = session(req);
    s.wizard ??= { step: 1, answers: {} };
    s.wizard.answers = {
      ...s.wizard.answers,
      [step[0]]: String(req.body?.[step[0]] ?? step[2]).slice(0, 128),
    };
    const next = Number(stepName) + 1;
    s.wizard.step = next;
    if (next > 3) s.wizard.complete = true;
    res.redirect(303, next > 3 ? '/wizard/done' : `/wizard/${next}`);
  });
  return router;
}
