// Unsaved edits are not lost by leaving the page: closing or reloading the tab asks (the browser's
// own question), and so does a link to another page of the console (the page's own dialog).
import type { Lang } from '@nobat/protocol';
import { useEffect } from 'preact/hooks';
import type { Confirm } from './confirm.tsx';
import { t } from './words.ts';

export function useLeaveGuard(dirty: boolean, confirm: Confirm, lang: Lang): void {
  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    // A link's click is caught on its way down (capture), before the console's router sees it; once
    // the person agrees, the same link is followed again with the guard stepped aside.
    let letThrough = false;
    const onClick = (e: MouseEvent) => {
      if (letThrough || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
        return;
      const link = (e.target as Element | null)?.closest?.('a[href]');
      if (!(link instanceof HTMLAnchorElement) || link.target === '_blank' || link.hasAttribute('download')) return;
      if (link.closest('.fp')) return;
      e.preventDefault();
      e.stopPropagation();
      void confirm({ title: t(lang, 'leaveTitle'), body: t(lang, 'leaveBody'), ok: t(lang, 'leave') }).then((yes) => {
        if (!yes) return;
        letThrough = true;
        window.removeEventListener('beforeunload', beforeUnload);
        link.click();
        letThrough = false;
      });
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty, confirm, lang]);
}
