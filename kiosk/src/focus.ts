// Focus that follows the screen: when a touch or a key changes what the kiosk shows, the element
// that was pressed is gone and focus would drop to the page's body, so a screen reader says nothing
// of the new screen and a keyboard starts again from the top. The new screen's heading takes focus.
import { useEffect, useRef } from 'preact/hooks';

/**
 * Returns a ref for the element that holds the screens. Whenever `screen` changes (not on the first
 * screen), focus moves to the first `[data-heading]`, `h1` or `h2` inside it (or to the element
 * itself), made focusable by script alone with tabindex=-1.
 */
export function useFocusOnScreenChange<T extends HTMLElement>(screen: string) {
  const ref = useRef<T>(null);
  const shown = useRef(screen);
  useEffect(() => {
    if (shown.current === screen) return;
    shown.current = screen;
    const root = ref.current;
    if (!root) return;
    const heading = root.querySelector<HTMLElement>('[data-heading], h1, h2') ?? root;
    if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
    heading.focus();
  }, [screen]);
  return ref;
}
