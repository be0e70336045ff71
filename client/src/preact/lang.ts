// The page's language: `?lang=en` / `?lang=fa` in the address first, else the one remembered under
// `storageKey` (when the app remembers it), else `fallback`. The document follows it: its lang, its
// direction (Persian right to left) and, when given, its title.
import type { Lang } from '@nobat/protocol';
import { useCallback, useLayoutEffect, useState } from 'preact/hooks';

export interface LangOptions {
  /** Where the choice is kept across visits (none: a shared kiosk starts in its own language each time). */
  storageKey?: string;
  fallback?: Lang;
  /** The document's title in the language chosen. */
  title?: (lang: Lang) => string;
}

const asLang = (v: string | null | undefined): Lang | undefined => (v === 'en' || v === 'fa' ? v : undefined);

/** The language the page starts in (the address, then what was remembered, then the fallback). */
export function startLang(opts: LangOptions = {}): Lang {
  const asked = asLang(new URLSearchParams(location.search).get('lang'));
  if (asked && opts.storageKey) localStorage.setItem(opts.storageKey, asked);
  return asked ?? asLang(opts.storageKey && localStorage.getItem(opts.storageKey)) ?? opts.fallback ?? 'fa';
}

export function useLang(opts: LangOptions = {}): [Lang, (l: Lang) => void] {
  const [lang, setLangState] = useState<Lang>(() => startLang(opts));
  const title = opts.title?.(lang);
  // With the render, not after the next paint: no frame shows English text laid out right to left.
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.lang = lang;
    root.dir = lang === 'fa' ? 'rtl' : 'ltr';
    if (title) document.title = title;
  }, [lang, title]);
  // The same function for the page's life: screens may depend on it (the kiosk's idle timer does).
  const { storageKey } = opts;
  const setLang = useCallback(
    (l: Lang) => {
      if (storageKey) localStorage.setItem(storageKey, l);
      setLangState(l);
    },
    [storageKey],
  );
  return [lang, setLang];
}
