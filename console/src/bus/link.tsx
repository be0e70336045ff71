// The devices page's link to a bridge's page (its bus and tests).
import type { Lang } from '@nobat/protocol';
import { Link } from '../router.tsx';
import { w } from './words.ts';

export function BridgeLink(props: { lang: Lang; device: { id: string; branchId: string } }) {
  const { device } = props;
  return (
    <div>
      <Link
        to={`/branches/${encodeURIComponent(device.branchId)}/bridges/${encodeURIComponent(device.id)}`}
        data-testid={`bridge-link-${device.id}`}
      >
        {w(props.lang, 'linkToBus')}
      </Link>
    </div>
  );
}
