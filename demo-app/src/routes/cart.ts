import { Router } from 'express';
import { escape, form, page } from '../html.js';
import { session, type StoreMode } from '../session-access.js';

interface Item {
  sku: string;
  name: string;
  qty: number;
}

function items(s: Record<string, any>): Item[] {
  s.cart ??= { items: [] };
  if (!Array.isArray(s.cart.items)) s.cart.items = [];
  return s.cart.items as Item[];
}

function skuOf(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'item'
  );
}

/** A cart of {sku, name, qty}: array changes show up as nested diffs in the panel. */
export function cartRoutes(mode: StoreMode): Router {
  const router = Router();

  router.get('/cart', (req, res) => {
    const list = Array.isArray(session(req).cart?.items) ? (session(req).cart.items as Item[]) : [];
    const rows = list
      .map(
        (i) =>
          `<li data-testid="cart-item-${escape(i.sku)}">${escape(i.name)} × <span data-testid="cart-qty-${escape(i.sku)}">${i.qty}</span> ${form('/cart/remove', `cart-remove-${i.sku}`, 'Remove', [['sku', i.sku]])}</li>`,
      )
      .join('');
    const body = `<ul data-testid="cart-items">${rows || '<li data-testid="cart-empty">Empty</li>'}</ul>
${form('/cart/add', 'cart-add', 'Add', [
  ['name', 'Teapot', 'Item'],
  ['qty', '1', 'Qty'],
])}`;
    res.send(page('Cart', body, mode));
  });

  router.post('/cart/add', (req, res) => {
    const name = String(req.body?.name ?? 'Teapot').slice(0, 64) || 'Teapot';
    const qty = Math.max(1, Math.min(99, Number.parseInt(String(req.body?.qty ?? '1'), 10) || 1));
    const list = items(session(req));
    const sku = skuOf(name);
    const existing = list.find((i) => i.sku === sku);
    if (existing) existing.qty += qty;
    else list.push({ sku, name, qty });
    res.redirect(303, '/cart');
  });

  router.post('/cart/remove', (req, res) => {
    const sku = String(req.body?.sku ?? '');
    const s = session(req);
    s.cart = { items: items(s).filter((i) => i.sku !== sku) };
    res.redirect(303, '/cart');
  });
  return router;
}
