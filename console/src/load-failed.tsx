// What a page shows in place of what it could not load: the server's (or the network's) words, and
// a way to try again.
import { errorText } from '@nobat/client';
import { Banner, Button } from '@nobat/client/preact';
import type { Lang } from '@nobat/protocol';
import { t } from './i18n.ts';

export function LoadFailed(props: { lang: Lang; error: unknown; onReload: () => void }) {
  return (
    <Banner
      tone="error"
      actions={
        <Button small onClick={props.onReload}>
          {t(props.lang, 'reload')}
        </Button>
      }
    >
      <p>{errorText(props.lang, props.error)}</p>
    </Banner>
  );
}
