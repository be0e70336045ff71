// The receipt (جدول ۳) as a PDF at each size the desk prints: a new tab, where the browser's viewer
// prints it (the session cookie goes with the link; nothing is kept by the page).
import type { Lang } from '@nobat/protocol';
import { useEffect, useRef } from 'preact/hooks';
import { RECEIPT_SIZES, receiptUrl } from './format.ts';
import { type RequestWord, rt } from './words.ts';

export function ReceiptLinks(props: { lang: Lang; id: string; autofocus?: boolean }) {
  const { lang } = props;
  const nav = useRef<HTMLElement>(null);
  // Shown in place of a form that had focus: the first size takes it, so Enter prints at once.
  useEffect(() => {
    if (props.autofocus) nav.current?.querySelector('a')?.focus();
  }, []);
  return (
    <nav ref={nav} class="print-links" aria-label={rt(lang, 'printReceipt')} data-testid="receipt-links">
      <span>{rt(lang, 'printReceipt')}:</span>
      {RECEIPT_SIZES.map((size) => (
        <a
          key={size}
          href={receiptUrl(props.id, size, lang)}
          target="_blank"
          rel="noopener"
          data-testid={`receipt-${size}`}
        >
          {rt(lang, `size_${size}` as RequestWord)}
        </a>
      ))}
    </nav>
  );
}
