// Placeholder: the branch floor-plan pages (service groups, sub-services, counters, priorities) are
// built on branch wt-floor, which replaces this file with the real FloorPlanPage.
import type { Lang } from '@nobat/protocol';

export function FloorPlanPage(props: { branchId: string; lang: Lang; role: 'admin' | 'supervisor' }) {
  return (
    <div class="page-head">
      <h1 data-heading tabIndex={-1} data-testid="page-title">
        {props.lang === 'fa' ? 'خدمات و باجه‌ها' : 'Services and counters'}
      </h1>
      <p class="muted" dir="ltr">
        {props.branchId}
      </p>
    </div>
  );
}
