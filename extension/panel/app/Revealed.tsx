import { useState } from 'preact/hooks';
import { count, cutText, moreChars } from '../../core/values/cut-text.js';
import { revealParts } from '../../core/values/invisible.js';

/**
 * Text with its invisible characters shown as badges (`U+202E RLO`), so a bidi override cannot
 * reorder what the developer reads and a zero-width character cannot hide (issue 13.4). The raw
 * control character never reaches the DOM.
 */
export function Revealed({ text }: { text: string }) {
  const parts = revealParts(text);
  if (parts.length === 1 && 'text' in parts[0]!) return <>{text}</>;
  return (
    <>
      {parts.map((p) =>
        'text' in p ? (
          p.text
        ) : (
          <span class="invisible-char" data-testid="invisible-char" title={`Invisible character ${p.escape}`}>
            {p.escape}
          </span>
        ),
      )}
    </>
  );
}

/**
 * A long text cut on a grapheme boundary, saying how many characters are left out, with a button
 * that shows all of it: everything that arrived, not a second, bigger preview (issue 13.3).
 */
export function LongText({
  text,
  max = 300,
  quoted = false,
}: {
  text: string;
  max?: number;
  quoted?: boolean;
}) {
  const [all, setAll] = useState(false);
  const q = quoted ? '"' : '';
  if (all || text.length <= max) {
    return (
      <>
        {q}
        <Revealed text={text} />
        {q}
      </>
    );
  }
  const { shown, left } = cutText(text, max);
  return (
    <>
      {q}
      <Revealed text={shown} />
      <span class="cut-mark" data-testid="cut-mark" data-left={left}>
        {moreChars(left)} (of {count(text.length)})
      </span>
      <button type="button" class="link" data-testid="show-all-text" onClick={() => setAll(true)}>
        show all {count(text.length)} chars
      </button>
    </>
  );
}
