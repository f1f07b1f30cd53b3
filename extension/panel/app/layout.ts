/**
 * The list/detail split. Side by side when the panel is wide; stacked (list above detail) when it
 * is narrow, as when DevTools is docked to the right. The divider is dragged or moved with the
 * arrow keys; neither side goes below a usable minimum, whatever the panel's size.
 */
export const STACK_BELOW_PX = 720;
export const MIN_LIST_PX = { columns: 260, rows: 110 };
export const MIN_DETAIL_PX = { columns: 300, rows: 150 };

export type Orientation = 'columns' | 'rows';

export function orientationFor(width: number): Orientation {
  return width < STACK_BELOW_PX ? 'rows' : 'columns';
}

/** The list's size in px for a remembered fraction, kept within both minimums (list wins if both cannot fit). */
export function listSize(total: number, fraction: number, orientation: Orientation): number {
  const wanted = Math.round(total * fraction);
  const max = total - MIN_DETAIL_PX[orientation];
  return Math.max(MIN_LIST_PX[orientation], Math.min(wanted, max));
}
