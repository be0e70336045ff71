// The kiosk when it cannot serve: not set up (no device token), or no connection to the server.
import type { Lang } from '@nobat/protocol';
import { t } from './i18n.ts';

export function OutOfService(props: { lang: Lang; configured: boolean }) {
  const { lang } = props;
  return (
    <div class="kiosk">
      <div class="overlay solid" data-testid="out-of-service">
        <p class="big-message">{t(lang, props.configured ? 'outOfService' : 'notConfigured')}</p>
        {props.configured && <p>{t(lang, 'outOfServiceHint')}</p>}
      </div>
    </div>
  );
}
