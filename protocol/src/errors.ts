// Named reasons for every refusal, with the words a visitor or clerk reads. The server answers
// {error:{code,message}}; clients switch on `code`, never on the message text.

/**
 * [UP5] The version of this protocol (REST bodies, socket events) that this build speaks. Every client
 * sends it: on HTTP in the `x-nobat-protocol` header, in the Socket.IO handshake as `auth.protocol`.
 * A server that no longer serves it answers `protocol-outdated` (HTTP 426), and the page reloads.
 */
export const PROTOCOL_VERSION = 1;

/** [UP5] The HTTP header that carries the client's PROTOCOL_VERSION. */
export const PROTOCOL_HEADER = 'x-nobat-protocol';

/** [UP6] What a `protocol-outdated` refusal says besides its code: what the server needs. */
export interface ProtocolOutdated {
  code: 'protocol-outdated';
  /** The client's version, as it sent it. */
  client: number;
  /** The oldest version the server still serves. */
  oldest: number;
}

export const Refusal = {
  unknownBranch: 'unknown-branch',
  unknownService: 'unknown-service',
  serviceInactive: 'service-inactive',
  unknownPriority: 'unknown-priority',
  appointmentTimeRequired: 'appointment-time-required',
  capacityReached: 'capacity-reached',
  rangeExhausted: 'range-exhausted',
  branchClosed: 'branch-closed',
  unknownCounter: 'unknown-counter',
  unknownClerk: 'unknown-clerk',
  counterClosed: 'counter-closed',
  counterPaused: 'counter-paused',
  counterNotPaused: 'counter-not-paused',
  counterTaken: 'counter-taken',
  clerkAtAnotherCounter: 'clerk-at-another-counter',
  counterNotAllowed: 'counter-not-allowed',
  notCounterClerk: 'not-counter-clerk',
  noCurrentTicket: 'no-current-ticket',
  currentTicketOpen: 'current-ticket-open',
  ticketNotFound: 'ticket-not-found',
  ticketNotCallable: 'ticket-not-callable',
  ticketNotCancellable: 'ticket-not-cancellable',
  ticketNotReprintable: 'ticket-not-reprintable',
  cancelNotAllowed: 'cancel-not-allowed',
  serviceNotServed: 'service-not-served',
  notStarted: 'not-started',
  alreadyStarted: 'already-started',
  invalidTransfer: 'invalid-transfer',
  ticketNotMovable: 'ticket-not-movable',
  ticketNotDeferrable: 'ticket-not-deferrable',
  alreadyDeferred: 'already-deferred',
  invalidMove: 'invalid-move',
  unknownDocument: 'unknown-document',
  stalePress: 'stale-press',
  busy: 'busy',
  serviceClosedToday: 'service-closed-today',
  untilPassed: 'until-passed',
  invalidAssignment: 'invalid-assignment',
  /** [SY2] The branch is run by its own branch server: the centre only mirrors it. */
  branchSynced: 'branch-synced',
} as const;
export type RefusalCode = (typeof Refusal)[keyof typeof Refusal];

export interface Message {
  fa: string;
  en: string;
}

export const refusalMessages: Record<RefusalCode, Message> = {
  'unknown-branch': { fa: 'شعبه پیدا نشد.', en: 'Branch not found.' },
  'unknown-service': { fa: 'این خدمت وجود ندارد.', en: 'No such service.' },
  'service-inactive': { fa: 'این خدمت اکنون ارائه نمی‌شود.', en: 'This service is not offered now.' },
  'unknown-priority': { fa: 'نوع اولویت نامعتبر است.', en: 'Unknown priority class.' },
  'appointment-time-required': {
    fa: 'برای نوبت از پیش رزروشده، زمان نوبت لازم است.',
    en: 'An appointment ticket needs its appointment time.',
  },
  'capacity-reached': {
    fa: 'ظرفیت نوبت امروز این خدمت تکمیل شده است.',
    en: "Today's capacity for this service has been reached.",
  },
  'range-exhausted': {
    fa: 'همهٔ شماره‌های این خدمت در حال استفاده است؛ لطفاً کمی بعد دوباره تلاش کنید.',
    en: 'Every number of this service is in use; please try again shortly.',
  },
  'branch-closed': { fa: 'شعبه اکنون باز نیست.', en: 'The branch is not open now.' },
  'service-closed-today': {
    fa: 'این خدمت برای بقیهٔ امروز بسته شده است.',
    en: 'This service is closed for the rest of today.',
  },
  'until-passed': { fa: 'زمان پایان باید بعد از اکنون باشد.', en: 'The end time must be later than now.' },
  'invalid-assignment': {
    fa: 'دست‌کم یک خدمت، هر کدام یک بار و با وزن ۱ یا بیشتر، لازم است.',
    en: 'Name at least one service, each once, with a weight of 1 or more.',
  },
  'unknown-counter': { fa: 'باجه پیدا نشد.', en: 'Counter not found.' },
  'unknown-clerk': { fa: 'کارمند شناخته نشد.', en: 'Unknown clerk.' },
  'counter-closed': { fa: 'باجه بسته است؛ ابتدا باجه را باز کنید.', en: 'The counter is closed; open it first.' },
  'counter-paused': { fa: 'باجه در حالت توقف است.', en: 'The counter is paused.' },
  'counter-not-paused': { fa: 'باجه در حالت توقف نیست.', en: 'The counter is not paused.' },
  'counter-not-allowed': {
    fa: 'شما برای کار پشت این باجه تعیین نشده‌اید.',
    en: 'You are not assigned to this counter.',
  },
  'counter-taken': {
    fa: 'کارمند دیگری پشت این باجه است.',
    en: 'Another clerk is at this counter.',
  },
  'clerk-at-another-counter': {
    fa: 'شما پشت باجهٔ دیگری هستید؛ ابتدا آن را ببندید.',
    en: 'You are at another counter; close it first.',
  },
  'not-counter-clerk': {
    fa: 'فقط کارمندِ پشت این باجه می‌تواند این کار را انجام دهد.',
    en: 'Only the clerk at this counter can do that.',
  },
  'no-current-ticket': { fa: 'نوبتی در دست این باجه نیست.', en: 'This counter has no current ticket.' },
  'current-ticket-open': {
    fa: 'نوبت فعلی هنوز باز است؛ ابتدا آن را پایان دهید، غایب بزنید یا ارجاع دهید.',
    en: 'The current ticket is still open; finish it, mark it no-show or transfer it first.',
  },
  'ticket-not-found': { fa: 'نوبت پیدا نشد.', en: 'Ticket not found.' },
  'ticket-not-callable': {
    fa: 'این نوبت در صف انتظار یا نگه‌داشته نیست.',
    en: 'This ticket is neither waiting nor parked.',
  },
  'ticket-not-cancellable': {
    fa: 'فقط نوبتِ در انتظار یا نگه‌داشته را می‌توان لغو کرد.',
    en: 'Only a waiting or parked ticket can be cancelled.',
  },
  'ticket-not-reprintable': {
    fa: 'فقط نوبتی که هنوز در جریان است (در انتظار، فراخوانده، در حال خدمت یا نگه‌داشته) دوباره چاپ می‌شود.',
    en: 'Only a ticket still in play (waiting, called, being served or parked) can be reprinted.',
  },
  'cancel-not-allowed': {
    fa: 'کارمند فقط نوبتی را لغو می‌کند که باجهٔ خودش می‌تواند فرابخواند؛ برای نوبت‌های دیگر به سرپرست بگویید.',
    en: 'A clerk cancels only a ticket their own counter could call; ask a supervisor for others.',
  },
  'service-not-served': {
    fa: 'این باجه این خدمت را ارائه نمی‌دهد.',
    en: 'This counter does not serve that service.',
  },
  'not-started': { fa: 'خدمت این نوبت هنوز آغاز نشده است.', en: 'Service of this ticket has not started.' },
  'already-started': { fa: 'خدمت این نوبت آغاز شده است.', en: 'Service of this ticket has already started.' },
  'invalid-transfer': {
    fa: 'ارجاع نامعتبر است: خدمت یا باجهٔ مقصد را درست انتخاب کنید.',
    en: 'Invalid transfer: choose a valid target service or counter.',
  },
  'ticket-not-movable': {
    fa: 'فقط نوبتِ در انتظار را می‌توان جابه‌جا کرد.',
    en: 'Only a waiting ticket can be moved.',
  },
  'ticket-not-deferrable': {
    fa: 'فقط نوبتِ در انتظار را می‌توان عقب انداخت.',
    en: 'Only a waiting ticket can be moved back.',
  },
  'already-deferred': {
    fa: 'این نوبت یک بار عقب انداخته شده است؛ دوباره ممکن نیست.',
    en: 'This ticket has already been moved back once.',
  },
  'invalid-move': {
    fa: 'جابه‌جایی نامعتبر است: خدمت یا باجهٔ مقصد فعال نیست، این خدمت را ارائه نمی‌دهد، یا همان جای فعلی است.',
    en: 'Invalid move: the target service or counter is inactive, does not serve it, or is where it already is.',
  },
  'unknown-document': {
    fa: 'این مدرک در فهرست مدارک لازمِ این خدمت نیست.',
    en: 'That document is not on this service’s list of required documents.',
  },
  'stale-press': {
    fa: 'این کلید مدتی پیش زده شده و دیگر اجرا نمی‌شود؛ اگر هنوز لازم است، دوباره بزنید.',
    en: 'This key was pressed a while ago and is no longer carried out; press it again if still needed.',
  },
  'branch-synced': {
    fa: 'این شعبه را سرور خود شعبه اداره می‌کند؛ نوبت‌دهی و فراخوان را در سامانهٔ شعبه انجام دهید.',
    en: "This branch is run by its own branch server; issue and call tickets on the branch's system.",
  },
  busy: {
    fa: 'سامانه پرکار است؛ لطفاً دوباره تلاش کنید.',
    en: 'The system is busy; please try again.',
  },
};

/** Errors that are not queue refusals: bad input, who is asking, rate limits, administration. */
export const errorMessages = {
  'invalid-input': { fa: 'ورودی نامعتبر است.', en: 'Invalid input.' },
  'malformed-json': { fa: 'بدنهٔ درخواست JSON معتبر نیست.', en: 'The request body is not valid JSON.' },
  unauthenticated: { fa: 'ابتدا وارد شوید.', en: 'Sign in first.' },
  forbidden: { fa: 'شما اجازهٔ این کار را ندارید.', en: 'You are not allowed to do that.' },
  'bad-credentials': { fa: 'نام کاربری یا گذرواژه نادرست است.', en: 'Wrong username or password.' },
  'password-change-required': {
    fa: 'گذرواژهٔ شما یک‌بارمصرف است؛ ابتدا گذرواژهٔ تازه‌ای برگزینید.',
    en: 'Your password is a one-time password; choose a new one first.',
  },
  'wrong-password': { fa: 'گذرواژهٔ کنونی نادرست است.', en: 'The current password is wrong.' },
  'same-password': {
    fa: 'گذرواژهٔ تازه باید با گذرواژهٔ کنونی فرق داشته باشد.',
    en: 'The new password must differ from the current one.',
  },
  'forbidden-origin': {
    fa: 'این درخواست از نشانی دیگری فرستاده شده و پذیرفته نمی‌شود.',
    en: 'This request comes from another site and is refused.',
  },
  'unsupported-media-type': {
    fa: 'بدنهٔ درخواست باید JSON باشد (Content-Type: application/json).',
    en: 'The request body must be JSON (Content-Type: application/json).',
  },
  'not-found': { fa: 'پیدا نشد.', en: 'Not found.' },
  'rate-limited': {
    fa: 'درخواست‌ها بیش از حد مجاز است؛ لطفاً کمی بعد تلاش کنید.',
    en: 'Too many requests; please try again shortly.',
  },
  'kiosk-token-required': {
    fa: 'در این شعبه نوبت فقط از دستگاه نوبت‌دهی گرفته می‌شود.',
    en: 'This branch issues tickets from its kiosks only.',
  },
  'version-conflict': {
    fa: 'این مورد هم‌زمان تغییر کرده است؛ دوباره بارگذاری کنید.',
    en: 'This was changed meanwhile; reload and try again.',
  },
  exists: { fa: 'این شناسه پیش‌تر ثبت شده است.', en: 'That id already exists.' },
  'in-use': {
    fa: 'این مورد اکنون در حال استفاده است (باجهٔ باز یا نوبت در جریان)؛ ابتدا آن را آزاد کنید.',
    en: 'This is in use now (an open counter, or tickets in play); free it first.',
  },
  'invalid-config': { fa: 'پیکربندی نامعتبر است.', en: 'Invalid configuration.' },
  'payload-too-large': { fa: 'حجم درخواست بیش از حد مجاز است.', en: 'The request body is too large.' },
  'too-many-attempts': {
    fa: 'تلاش‌های ناموفق ورود بیش از حد مجاز بوده است.',
    en: 'Too many failed sign-in attempts.',
  },
  'store-unavailable': {
    fa: 'پایگاه داده در دسترس نیست؛ چیزی ثبت نشد. لطفاً کمی بعد دوباره تلاش کنید.',
    en: 'The data store is unavailable; nothing was recorded. Please try again shortly.',
  },
  'unknown-kiosk': {
    fa: 'دستگاه نوبت‌دهی در این شعبه پیدا نشد.',
    en: 'No such kiosk in this branch.',
  },
  'printer-unavailable': {
    fa: 'چاپگر این دستگاه نوبت‌دهی پاسخ نداد؛ چیزی چاپ نشد.',
    en: "The kiosk's printer did not answer; nothing was printed.",
  },
  'bridge-not-connected': {
    fa: 'این پل ارتباطی اکنون به سرور وصل نیست؛ آزمون انجام نشد.',
    en: 'This bridge is not connected to the server now; nothing was tested.',
  },
  'bus-device-offline': {
    fa: 'این دستگاه روی گذرگاه پاسخ نمی‌دهد؛ آزمون انجام نشد.',
    en: 'This device does not answer on the bus; nothing was tested.',
  },
  'unknown-bus-device': {
    fa: 'این دستگاه در پیکربندی این پل ارتباطی نیست.',
    en: "This device is not in the bridge's configuration.",
  },
  'bus-test-failed': {
    fa: 'دستگاه آزمون را انجام نداد.',
    en: 'The device did not carry out the test.',
  },
  'export-unavailable': {
    fa: 'خروجی در این قالب اکنون در دسترس نیست.',
    en: 'Export in this format is not available now.',
  },
  'protocol-outdated': {
    fa: 'این برنامه از نسخهٔ سرور قدیمی‌تر است؛ صفحه دوباره بارگذاری می‌شود.',
    en: 'This app is older than the server; the page reloads itself.',
  },
  internal: { fa: 'خطای داخلی سامانه.', en: 'Internal error.' },
} as const satisfies Record<string, Message>;
/** Every error code a client may meet: a queue refusal or one of the errors above. */
export type ErrorCode = RefusalCode | keyof typeof errorMessages;
