// Questions the page asks before it drops work (discard, reload, remove, leave): the shared Modal
// as an alert dialog, answered by a promise so a handler reads `if (await confirm(…))`.
import { Button, Modal } from '@nobat/client/preact';
import type { Lang } from '@nobat/protocol';
import type { JSX } from 'preact';
import { useCallback, useState } from 'preact/hooks';
import { t } from './words.ts';

export interface Question {
  title: string;
  body?: string;
  /** The words of the button that goes ahead ("Discard changes"). */
  ok: string;
}
export type Confirm = (q: Question) => Promise<boolean>;

export function useConfirm(lang: Lang): [Confirm, JSX.Element | null] {
  const [pending, setPending] = useState<{ q: Question; answer: (yes: boolean) => void } | null>(null);
  const confirm = useCallback<Confirm>(
    (q) =>
      new Promise<boolean>((resolve) => {
        setPending({ q, answer: resolve });
      }),
    [],
  );
  if (!pending) return [confirm, null];
  const answer = (yes: boolean) => {
    setPending(null);
    pending.answer(yes);
  };
  const dialog = (
    <Modal
      alert
      title={pending.q.title}
      closeLabel={t(lang, 'close')}
      onClose={() => answer(false)}
      testId="confirm-dialog"
      footer={
        <>
          <Button onClick={() => answer(false)} data-testid="confirm-cancel" data-autofocus>
            {t(lang, 'cancel')}
          </Button>
          <Button variant="danger" onClick={() => answer(true)} data-testid="confirm-ok">
            {pending.q.ok}
          </Button>
        </>
      }
    >
      {pending.q.body && <p>{pending.q.body}</p>}
    </Modal>
  );
  return [confirm, dialog];
}
