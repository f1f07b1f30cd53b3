import { useRef } from 'preact/hooks';
import type { Orientation } from './layout.js';

interface Props {
  orientation: Orientation;
  /** The list's current size in px, and the container's size along the split. */
  size: number;
  total: number;
  onResize(fraction: number): void;
}

const STEP_PX = 24;

/** The divider between list and detail: drag it, or focus it and use the arrow keys (WAI-ARIA window splitter). */
export function Splitter({ orientation, size, total, onResize }: Props) {
  const drag = useRef<{ start: number; size: number } | null>(null);
  const horizontal = orientation === 'rows';
  const coordinate = (e: PointerEvent) => (horizontal ? e.clientY : e.clientX);
  const set = (px: number) => onResize(Math.min(0.95, Math.max(0.05, px / Math.max(1, total))));
  return (
    <div
      class={`splitter splitter-${orientation}`}
      role="separator"
      tabIndex={0}
      aria-label="Resize the request list"
      aria-orientation={horizontal ? 'horizontal' : 'vertical'}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round((size / Math.max(1, total)) * 100)}
      data-testid="splitter"
      onPointerDown={(e) => {
        (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
        drag.current = { start: coordinate(e), size };
      }}
      onPointerMove={(e) => {
        if (drag.current) set(drag.current.size + coordinate(e) - drag.current.start);
      }}
      onPointerUp={() => {
        drag.current = null;
      }}
      onKeyDown={(e) => {
        const less = horizontal ? 'ArrowUp' : 'ArrowLeft';
        const more = horizontal ? 'ArrowDown' : 'ArrowRight';
        if (e.key === less) set(size - STEP_PX);
        else if (e.key === more) set(size + STEP_PX);
        else return;
        e.preventDefault();
      }}
    />
  );
}
