// Saving, the same way on every page: the server checks the whole change; a refusal shows its own
// message on each offending field (the issue paths) and a banner above the form; a save on a stale
// version shows who changed the record and when, with a reload button — never a silent overwrite.
import { ApiError, changedByText, conflictText, errorText } from '@nobat/client';
import { Banner, Button } from '@nobat/client/preact';
import type { Lang } from '@nobat/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from './i18n.ts';

export type Save = {
  busy: boolean;
  error: unknown;
  /** Runs a save; resolves with its answer, or undefined when it was refused (the error is shown). */
  run: <T>(action: () => Promise<T>) => Promise<T | undefined>;
  /** The server's refusal of one field (its path inside the saved value), for a Field's error. */
  fieldError: (path: string) => string | null;
  clear: () => void;
  /** The paths the form's fields claimed: issues elsewhere are listed in the banner. */
  claimed: Set<string>;
};

export function useSave(options: { prefixes?: string[] } = {}): Save {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const claimed = useRef(new Set<string>()).current;
  const prefixes = ['', ...(options.prefixes ?? [])];
  return {
    busy,
    error,
    claimed,
    clear: () => setError(null),
    run: async (action) => {
      setBusy(true);
      setError(null);
      try {
        return await action();
      } catch (err) {
        setError(err);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    fieldError: (path) => {
      claimed.add(path);
      if (!(error instanceof ApiError)) return null;
      const found = prefixes.flatMap((p) => error.issuesAt(p + path));
      return found.length ? found.map((i) => i.message).join(' ') : null;
    },
  };
}

/** The banner of a refused save: the server's message, the issues no field shows, or the conflict. */
export function SaveBanner(props: { lang: Lang; save: Save; timeZone?: string; onReload?: () => void }) {
  const { lang, save } = props;
  const err = save.error;
  const anchor = useRef<HTMLDivElement>(null);
  // A refusal takes the reader to the first field it names (else to this banner), so a problem
  // below the fold is not missed.
  useEffect(() => {
    const here = anchor.current;
    if (!err || !here) return;
    const scope = here.closest('form, .ui-modal, main') ?? document;
    const field = scope.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (field) {
      field.scrollIntoView({ block: 'center' });
      field.focus();
    } else here.scrollIntoView({ block: 'nearest' });
  }, [err]);
  if (!err) return <div ref={anchor} hidden />;
  if (err instanceof ApiError && err.code === 'version-conflict') {
    return (
      <div ref={anchor}>
        <Banner
          tone="warn"
          title={t(lang, 'conflictTitle')}
          testId="save-conflict"
          actions={
            props.onReload && (
              <Button variant="primary" small onClick={props.onReload} data-testid="conflict-reload">
                {t(lang, 'reload')}
              </Button>
            )
          }
        >
          <p data-user-text>{conflictText(lang, err.conflict, props.timeZone)}</p>
        </Banner>
      </div>
    );
  }
  const loose =
    err instanceof ApiError
      ? err.issues.filter(
          (i) =>
            ![...save.claimed].some(
              (p) =>
                i.path === p ||
                i.path.endsWith(`.${p}`) ||
                i.path.startsWith(`${p}.`) ||
                i.path.includes(`.${p}.`) ||
                p.endsWith(`.${i.path}`),
            ),
        )
      : [];
  const hasIssues = err instanceof ApiError && err.issues.length > 0;
  return (
    <div ref={anchor}>
      <Banner tone="error" title={hasIssues ? t(lang, 'saveRefused') : undefined} testId="save-error">
        <p>{errorText(lang, err)}</p>
        {loose.length > 0 && (
          <ul>
            {loose.map((i) => (
              <li key={`${i.path}|${i.message}`}>
                {i.path && <code dir="ltr">{i.path}</code>} {i.message}
              </li>
            ))}
          </ul>
        )}
      </Banner>
    </div>
  );
}

/** "changed by Sara at 13:05" under a form's title, when the record has a stamp. */
export function ChangedLine(props: {
  lang: Lang;
  changed: { by: { name: string }; at: string } | null | undefined;
  version?: number;
  timeZone?: string;
}) {
  const text = changedByText(props.lang, props.changed, props.timeZone);
  if (!text) return null;
  return (
    <p class="muted changed-line" data-testid="changed-line" data-user-text>
      {t(props.lang, 'lastChange')}: {text}
    </p>
  );
}
