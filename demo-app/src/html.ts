/** Tiny HTML helpers: server-rendered pages, no client JS, escaped by default. */

export function escape(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A POST form whose fields are given as [name, value, label?] (hidden when there is no label). */
export function form(
  action: string,
  testid: string,
  button: string,
  fields: Array<[string, string, string?]> = [],
): string {
  const inputs = fields
    .map(([name, value, label]) =>
      label === undefined
        ? `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`
        : `<label>${escape(label)} <input name="${escape(name)}" value="${escape(value)}" data-testid="${escape(`${testid}-${name}`)}"></label>`,
    )
    .join(' ');
  return `<form method="post" action="${escape(action)}" data-testid="${escape(testid)}">${inputs} <button type="submit" data-testid="${escape(`${testid}-submit`)}">${escape(button)}</button></form>`;
}

export function page(title: string, body: string, mode: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escape(title)} · Sessionscope demo</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}form{margin:.4rem 0}section{border-top:1px solid #ccc;padding:.4rem 0}code{background:#f3f3f3;padding:0 .2rem}</style>
</head>
<body>
<nav data-testid="nav"><a href="/" data-testid="nav-home">Home</a> · <a href="/cart" data-testid="nav-cart">Cart</a> · <a href="/prefs" data-testid="nav-prefs">Preferences</a> · <a href="/wizard/1" data-testid="nav-wizard">Wizard</a> · <a href="/types" data-testid="nav-types">Types</a> · <span data-testid="mode">mode: ${escape(mode)}</span></nav>
<h1 data-testid="title">${escape(title)}</h1>
${body}
</body>
</html>`;
}
