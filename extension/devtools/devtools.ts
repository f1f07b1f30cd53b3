import browser from 'webextension-polyfill';

// Title exactly "Sessions": the e2e tests select the panel by it. Leading "/" on paths:
// Firefox resolves them against the devtools page otherwise; Chrome accepts both forms.
void browser.devtools.panels.create(
  'Sessions',
  '/extension/icons/icon-32.png',
  '/extension/panel/index.html',
);
