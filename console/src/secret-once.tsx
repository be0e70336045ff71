// A secret shown this once, the same way wherever the console makes one (a device's token, a branch
// link's token): a dialog warning that it will not be shown again, each value in its own copy row (the
// value in a box, a Copy button beside it), and one status line saying it was copied.
import { Banner, Button, Modal } from '@nobat/client/preact';
import type { Lang } from '@nobat/protocol';
import { type ComponentChildren, createContext } from 'preact';
import { useContext, useState } from 'preact/hooks';
import { t } from './i18n.ts';

/** The dialog's own words, from the page that shows the secret (each page words its secret). */
export type SecretWords = { title: string; warning: string; copy: string; copied: string };

type Copying = { words: SecretWords; copied: boolean; copy: (text: string) => void };

const CopyingContext = createContext<Copying | null>(null);

function useCopying(): Copying {
  const copying = useContext(CopyingContext);
  if (!copying) throw new Error('CopyRow and CopiedNote belong inside a SecretOnce');
  return copying;
}

/** The dialog: its title, the warning, then `children` (the copy rows and a CopiedNote, where the page wants them). */
export function SecretOnce(props: {
  lang: Lang;
  words: SecretWords;
  testId: string;
  /** The test id of the closing button in the footer. */
  doneTestId: string;
  onClose: () => void;
  children: ComponentChildren;
}) {
  const { lang, words } = props;
  const [copied, setCopied] = useState(false);
  const copy = (text: string) => {
    navigator.clipboard?.writeText(text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <Modal
      title={words.title}
      onClose={props.onClose}
      closeLabel={t(lang, 'close')}
      wide
      testId={props.testId}
      footer={
        <Button variant="primary" onClick={props.onClose} data-testid={props.doneTestId}>
          {t(lang, 'close')}
        </Button>
      }
    >
      <CopyingContext.Provider value={{ words, copied, copy }}>
        <div class="stack">
          <Banner tone="warn">
            <p>{words.warning}</p>
          </Banner>
          {props.children}
        </div>
      </CopyingContext.Provider>
    </Modal>
  );
}

/** One value to copy: its label, the value's box (`children`, with class "secret"), the Copy button, a hint under them. */
export function CopyRow(props: {
  label: string;
  /** What the Copy button puts on the clipboard. */
  text: string;
  buttonTestId?: string;
  hint?: ComponentChildren;
  children: ComponentChildren;
}) {
  const { words, copy } = useCopying();
  return (
    <div class="ui-field">
      <span class="ui-field__label">{props.label}</span>
      <div class="copy-row">
        {props.children}
        <Button small onClick={() => copy(props.text)} data-testid={props.buttonTestId}>
          {words.copy}
        </Button>
      </div>
      {props.hint !== undefined && <p class="ui-field__hint">{props.hint}</p>}
    </div>
  );
}

/** The status line a screen reader announces once a Copy button has put its value on the clipboard. */
export function CopiedNote() {
  const { words, copied } = useCopying();
  return (
    <p role="status" class="small">
      {copied ? words.copied : ''}
    </p>
  );
}
