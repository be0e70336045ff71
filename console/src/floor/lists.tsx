// An editable list of the information package (steps, documents, fees, addresses, …): each item
// with its own fields, moved up or down, removed, and a button to add one more.
import { buttonClass } from '@nobat/client/preact';
import type { Phrase } from '@nobat/protocol';
import type { ComponentChildren } from 'preact';
import { move, removeAt, replaceAt } from './draft.ts';
import { ItemTools, PhraseFields, useFloor } from './fields.tsx';
import { t } from './words.ts';

export function ListSection<T>(props: {
  title: string;
  path: string;
  items: readonly T[];
  onChange: (items: T[]) => void;
  make: () => T;
  addLabel: string;
  /** What item `i` is called in the buttons' spoken labels. */
  name: (item: T, index: number) => string;
  render: (item: T, index: number, set: (item: T) => void) => ComponentChildren;
  testId?: string;
}) {
  const { lang, errorsAt } = useFloor();
  const own = errorsAt(props.path);
  return (
    <section class="fp-list" data-testid={props.testId} data-path={props.path}>
      <h4>{props.title}</h4>
      {own.length > 0 && (
        <div class="ui-field__error" role="alert" data-field-error>
          {t(lang, 'fieldRefused')} <bdi>{own.join(' · ')}</bdi>
        </div>
      )}
      {props.items.length === 0 && <p class="fp-empty">{t(lang, 'none')}</p>}
      <ol class="fp-items">
        {props.items.map((item, i) => (
          <li key={i} class="fp-item">
            <span class="fp-item-no" aria-hidden="true">
              {lang === 'fa' ? (i + 1).toLocaleString('fa-IR') : i + 1}
            </span>
            <div class="fp-item-body">
              {props.render(item, i, (next) => props.onChange(replaceAt(props.items, i, next)))}
            </div>
            <ItemTools
              index={i}
              count={props.items.length}
              what={props.name(item, i)}
              onMove={(to) => props.onChange(move(props.items, i, to))}
              onRemove={() => props.onChange(removeAt(props.items, i))}
            />
          </li>
        ))}
      </ol>
      <button
        type="button"
        class={`${buttonClass('secondary', true)} fp-add`}
        onClick={() => props.onChange([...props.items, props.make()])}
      >
        + {props.addLabel}
      </button>
    </section>
  );
}

/** A list of plain texts (steps, addresses, inquiries), each Persian and optionally English. */
export function PhraseList(props: {
  title: string;
  path: string;
  items: readonly Phrase[];
  onChange: (items: Phrase[]) => void;
  addLabel: string;
  itemLabel: string;
  testId?: string;
}) {
  const { lang } = useFloor();
  return (
    <ListSection<Phrase>
      {...props}
      make={() => ''}
      name={(_, i) => `${props.itemLabel} ${lang === 'fa' ? (i + 1).toLocaleString('fa-IR') : i + 1}`}
      render={(item, i, set) => (
        <PhraseFields label={props.itemLabel} path={`${props.path}.${i}`} value={item} onChange={set} />
      )}
    />
  );
}
