import { useLayoutEffect, useState } from 'preact/hooks';
import type { RefObject } from 'preact';

/** An element's content box, kept current with a ResizeObserver (jsdom: the fallback). */
export function useSize(
  ref: RefObject<HTMLElement | null>,
  fallback = { width: 1200, height: 700 },
): { width: number; height: number } {
  const [size, setSize] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const measure = () => {
      const rect = element.getBoundingClientRect();
      if (rect.width > 0 && rect.height > 0) setSize({ width: rect.width, height: rect.height });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
