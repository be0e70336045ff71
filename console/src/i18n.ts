// The console's own words, Persian first; the words every app shares (save, cancel…) come from
// @nobat/client's COMMON. Every entry has both languages, so English never shows Persian.
import { COMMON, type CommonWord } from '@nobat/client';
import { type Lang, localDigits, localized, type Message } from '@nobat/protocol';

const WORDS = {
  appName: { fa: 'کنسول نوبت', en: 'Nobat Console' },
  appTagline: { fa: 'پیکربندی شعبه‌ها، کاربران و دستگاه‌ها', en: 'Configure branches, users and devices' },
  signInTitle: { fa: 'ورود به کنسول', en: 'Sign in to the console' },
  signInHint: {
    fa: 'با نام کاربری و گذرواژه‌ای که مدیر سامانه به شما داده است وارد شوید.',
    en: 'Use the username and password your system administrator gave you.',
  },
  signedOut: { fa: 'از کنسول خارج شدید.', en: 'You have signed out.' },
  notForClerks: {
    fa: 'این کنسول برای مدیران و سرپرستان است. کارمندان باجه از صفحهٔ باجه وارد شوند.',
    en: 'The console is for administrators and supervisors. Counter clerks sign in at the desk.',
  },
  openDesk: { fa: 'رفتن به صفحهٔ باجه', en: 'Go to the desk' },
  // password
  changePassword: { fa: 'تغییر گذرواژه', en: 'Change password' },
  mustChangePassword: {
    fa: 'گذرواژهٔ شما یک‌بار مصرف است. پیش از ادامه، گذرواژهٔ تازه‌ای برگزینید.',
    en: 'Your password is one-time. Choose a new password before you continue.',
  },
  currentPassword: { fa: 'گذرواژهٔ کنونی', en: 'Current password' },
  newPassword: { fa: 'گذرواژهٔ تازه', en: 'New password' },
  repeatPassword: { fa: 'تکرار گذرواژهٔ تازه', en: 'Repeat the new password' },
  passwordsDiffer: { fa: 'دو گذرواژه یکسان نیستند.', en: 'The two passwords differ.' },
  passwordChanged: { fa: 'گذرواژه تغییر کرد.', en: 'Your password has been changed.' },
  minLength: { fa: 'دست‌کم {n} نویسه', en: 'At least {n} characters' },
  // shell
  menu: { fa: 'منوی اصلی', en: 'Main menu' },
  roleAdmin: { fa: 'مدیر سامانه', en: 'Administrator' },
  roleSupervisor: { fa: 'سرپرست شعبه', en: 'Branch supervisor' },
  roleClerk: { fa: 'کارمند باجه', en: 'Counter clerk' },
  roleOfficer: { fa: 'کارشناس واحد', en: 'Unit officer' },
  navOrganisation: { fa: 'ساختار سازمان', en: 'Organisation' },
  navBranches: { fa: 'شعبه‌ها', en: 'Branches' },
  navUsers: { fa: 'کاربران', en: 'Users' },
  navClerks: { fa: 'کارکنان شعبه', en: 'Branch staff' },
  navDevices: { fa: 'دستگاه‌ها', en: 'Devices' },
  navAudit: { fa: 'گزارش تغییرات', en: 'Audit log' },
  navLive: { fa: 'سالن زنده', en: 'Live floor' },
  navFloor: { fa: 'خدمات و باجه‌ها', en: 'Services and counters' },
  navBranchSettings: { fa: 'مشخصات شعبه', en: 'Branch details' },
  pageNotFound: { fa: 'این صفحه پیدا نشد.', en: 'This page was not found.' },
  goHome: { fa: 'صفحهٔ نخست کنسول', en: 'Console home' },
  // organisation tree
  organisations: { fa: 'سازمان‌ها', en: 'Organisations' },
  organisation: { fa: 'سازمان', en: 'Organisation' },
  office: { fa: 'اداره کل استان', en: 'Provincial office' },
  offices: { fa: 'ادارات کل استان', en: 'Provincial offices' },
  branch: { fa: 'شعبه', en: 'Branch' },
  newOrganisation: { fa: 'سازمان تازه', en: 'New organisation' },
  newOffice: { fa: 'اداره کل تازه', en: 'New provincial office' },
  newBranch: { fa: 'شعبهٔ تازه', en: 'New branch' },
  editOrganisation: { fa: 'ویرایش سازمان', en: 'Edit organisation' },
  editOffice: { fa: 'ویرایش اداره کل', en: 'Edit provincial office' },
  treeEmpty: {
    fa: 'هنوز سازمانی تعریف نشده است. با «سازمان تازه» آغاز کنید.',
    en: 'No organisation yet. Start with “New organisation”.',
  },
  noOffices: { fa: 'هنوز اداره‌ای ندارد.', en: 'No provincial offices yet.' },
  noBranches: { fa: 'هنوز شعبه‌ای ندارد.', en: 'No branches yet.' },
  id: { fa: 'شناسه', en: 'ID' },
  idHint: {
    fa: 'شناسهٔ لاتین و ثابت (حروف، رقم، - و _)؛ پس از ساخت تغییر نمی‌کند.',
    en: 'A fixed Latin identifier (letters, digits, - and _); it cannot change later.',
  },
  nameFa: { fa: 'نام فارسی', en: 'Name in Persian' },
  nameEn: { fa: 'نام انگلیسی', en: 'Name in English' },
  nameEnHint: {
    fa: 'برای صفحه‌های انگلیسی؛ اگر خالی بماند نام فارسی نشان داده می‌شود.',
    en: 'For the English pages; the Persian name is shown when empty.',
  },
  lastChange: { fa: 'آخرین تغییر', en: 'Last change' },
  conflictTitle: { fa: 'کس دیگری زودتر ذخیره کرد', en: 'Someone else saved first' },
  // branch
  branchDetails: { fa: 'مشخصات شعبه', en: 'Branch details' },
  branchType: { fa: 'درجهٔ شعبه', en: 'Branch grade' },
  branchTypeHint: {
    fa: 'درجه‌ای که سازمان به شعبه داده است (۱ تا ۵).',
    en: 'The grade the organisation gives the branch (1 to 5).',
  },
  address: { fa: 'نشانی', en: 'Address' },
  timeZone: { fa: 'منطقهٔ زمانی', en: 'Time zone' },
  timeZoneHint: {
    fa: 'ساعت‌های کاری و زمان‌ها در این منطقه خوانده می‌شوند (معمولاً Asia/Tehran).',
    en: 'Opening hours and times are read in this zone (usually Asia/Tehran).',
  },
  openingHours: { fa: 'ساعت‌های کاری', en: 'Opening hours' },
  openingHoursHint: {
    fa: 'برای هر روز هفته ساعت باز و بسته شدن را بنویسید؛ روزی که باز نیست را خالی بگذارید.',
    en: 'Give each weekday its opening and closing time; leave a day unticked when closed.',
  },
  addShift: { fa: 'افزودن نوبت کاری', en: 'Add shift' },
  removeShift: { fa: 'حذف نوبت کاری', en: 'Remove shift' },
  closed: { fa: 'تعطیل', en: 'Closed' },
  openDay: { fa: 'باز است', en: 'Open' },
  opens: { fa: 'باز شدن', en: 'Opens' },
  closes: { fa: 'بسته شدن', en: 'Closes' },
  holidays: { fa: 'تعطیلی‌ها', en: 'Holidays' },
  holidaysHint: {
    fa: 'روزهایی که شعبه بسته است، به تاریخ خورشیدی (مانند ۱۴۰۵/۰۱/۰۱).',
    en: 'Days the branch is closed, as Jalali dates (e.g. 1405/01/01).',
  },
  addHoliday: { fa: 'افزودن تعطیلی', en: 'Add holiday' },
  jalaliDate: { fa: 'تاریخ خورشیدی', en: 'Jalali date' },
  badJalaliDate: {
    fa: 'تاریخ خورشیدی درست نیست؛ به شکل ۱۴۰۵/۰۱/۰۱ بنویسید.',
    en: 'Not a Jalali date; write it as 1405/01/01.',
  },
  holidayTwice: { fa: 'این روز پیش‌تر افزوده شده است.', en: 'This day is already listed.' },
  noHolidays: { fa: 'تعطیلی‌ای ثبت نشده است.', en: 'No holidays listed.' },
  settings: { fa: 'تنظیمات صف', en: 'Queue settings' },
  noLimit: { fa: 'بدون محدودیت', en: 'No limit' },
  openFloor: { fa: 'خدمات و باجه‌ها', en: 'Services and counters' },
  branchesIntro: {
    fa: 'همهٔ شعبه‌ها؛ برای ویرایش خدمات، باجه‌ها و مشخصات هر شعبه آن را باز کنید.',
    en: 'All branches; open one to edit its services, counters and details.',
  },
  version: { fa: 'نسخه', en: 'Version' },
  // users
  usersIntro: {
    fa: 'حساب‌های کاربری مدیران، سرپرستان، کارمندان باجه و کارشناسان واحدها.',
    en: 'Accounts of administrators, supervisors, counter clerks and unit officers.',
  },
  clerksIntro: {
    fa: 'کارمندان باجه و کارشناسان واحدهای شعبهٔ شما.',
    en: 'The counter clerks and unit officers of your branch.',
  },
  newUser: { fa: 'کاربر تازه', en: 'New user' },
  name: { fa: 'نام', en: 'Name' },
  role: { fa: 'نقش', en: 'Role' },
  roleHint: {
    fa: 'مدیر: همهٔ سازمان. سرپرست: فقط شعبهٔ خود. کارمند: کار پشت باجه. کارشناس: درخواست‌های واحد خود را رسیدگی می‌کند.',
    en: 'Administrator: the whole organisation. Supervisor: their own branch. Clerk: works at a counter. Officer: works the requests of their unit.',
  },
  status: { fa: 'وضعیت', en: 'Status' },
  active: { fa: 'فعال', en: 'Active' },
  disabled: { fa: 'غیرفعال', en: 'Disabled' },
  disable: { fa: 'غیرفعال کردن', en: 'Disable' },
  enable: { fa: 'فعال کردن', en: 'Enable' },
  resetPassword: { fa: 'گذرواژهٔ یک‌بار مصرف', en: 'Reset password' },
  resetPasswordHint: {
    fa: 'کاربر در ورود بعدی باید گذرواژهٔ تازه‌ای برگزیند. این گذرواژه را حضوری به او بدهید.',
    en: 'The user must choose a new password at their next sign-in. Hand this password over in person.',
  },
  passwordReset: { fa: 'گذرواژهٔ یک‌بار مصرف ثبت شد.', en: 'The one-time password is set.' },
  initialPassword: { fa: 'گذرواژهٔ نخست', en: 'First password' },
  initialPasswordHint: {
    fa: 'دست‌کم ۸ نویسه؛ کاربر آن را در نخستین ورود عوض می‌کند.',
    en: 'At least 8 characters; the user changes it at their first sign-in.',
  },
  allBranches: { fa: 'همهٔ شعبه‌ها', en: 'All branches' },
  userBranchHint: { fa: 'سرپرست و کارمند به یک شعبه تعلق دارند.', en: 'Supervisors and clerks belong to one branch.' },
  counters: { fa: 'باجه‌ها', en: 'Counters' },
  countersHint: {
    fa: 'باجه‌هایی که این کارمند می‌تواند پشت آن‌ها بنشیند (برای خدماتی که آموزش دیده است). هیچ‌کدام: همهٔ باجه‌ها.',
    en: 'The counters this clerk may staff (for the services they are trained in). None ticked: any counter.',
  },
  anyCounter: { fa: 'همهٔ باجه‌ها', en: 'Any counter' },
  countersOrUnit: { fa: 'باجه‌ها / واحد', en: 'Counters / unit' },
  unit: { fa: 'واحد', en: 'Unit' },
  unitHint: {
    fa: 'واحدی از شعبه که این کارشناس درخواست‌هایش را رسیدگی می‌کند (واحدهای نام‌برده در گردش کار خدمات).',
    en: 'The branch unit whose requests this officer works (the units named in the services’ workflows).',
  },
  chooseUnit: { fa: 'یک واحد برگزینید', en: 'Choose a unit' },
  counterN: { fa: 'باجهٔ {n}', en: 'Counter {n}' },
  userDisabled: { fa: 'کاربر غیرفعال شد و نشست‌هایش بسته شد.', en: 'The user is disabled and signed out everywhere.' },
  userEnabled: { fa: 'کاربر فعال شد.', en: 'The user is enabled.' },
  disableConfirm: {
    fa: '«{name}» غیرفعال شود؟ از همهٔ نشست‌ها خارج می‌شود و تا فعال شدن دوباره نمی‌تواند وارد شود.',
    en: 'Disable “{name}”? They are signed out everywhere and cannot sign in until enabled again.',
  },
  enableConfirm: { fa: '«{name}» دوباره فعال شود؟', en: 'Enable “{name}” again?' },
  userCreated: { fa: 'کاربر ساخته شد.', en: 'The user has been created.' },
  actions: { fa: 'کارها', en: 'Actions' },
  // devices
  devicesIntro: {
    fa: 'کیوسک‌ها، نمایشگرهای سالن و پل‌های سخت‌افزاری هر شعبه، هر کدام با رمز دستگاه خود.',
    en: 'Each branch’s kiosks, hall displays and hardware bridges, each with its own device token.',
  },
  devicesReadOnly: {
    fa: 'فقط مدیر سامانه می‌تواند دستگاه بسازد یا باطل کند.',
    en: 'Only an administrator can create or revoke devices.',
  },
  newDevice: { fa: 'دستگاه تازه', en: 'New device' },
  kind: { fa: 'نوع', en: 'Kind' },
  kindHint: {
    fa: 'کیوسک: نوبت می‌دهد. نمایشگر: نوبت‌ها را در سالن اعلام می‌کند. پل: چاپگر، نمایشگر LED و صفحه‌کلید باجه‌ها را به سرور وصل می‌کند.',
    en: 'Kiosk: issues tickets. Display: announces calls in the hall. Bridge: connects printers, LED displays and counter keypads to the server.',
  },
  kiosk: { fa: 'کیوسک', en: 'Kiosk' },
  display: { fa: 'نمایشگر سالن', en: 'Hall display' },
  bridge: { fa: 'پل سخت‌افزاری', en: 'Hardware bridge' },
  lastSeen: { fa: 'آخرین ارتباط', en: 'Last seen' },
  created: { fa: 'ساخته‌شده', en: 'Created' },
  revoke: { fa: 'باطل کردن', en: 'Revoke' },
  revokeConfirm: {
    fa: 'رمز دستگاه «{name}» باطل شود؟ دستگاه بی‌درنگ از کار می‌افتد و باید دوباره جفت شود.',
    en: 'Revoke the token of “{name}”? The device stops at once and must be paired again.',
  },
  revoked: { fa: 'دستگاه باطل شد.', en: 'The device has been revoked.' },
  tokenTitle: { fa: 'رمز دستگاه — فقط همین یک بار', en: 'Device token — shown this once' },
  tokenOnce: {
    fa: 'این رمز دیگر نشان داده نمی‌شود. آن را اکنون در دستگاه وارد کنید یا پیوند جفت‌سازی را روی آن باز کنید.',
    en: 'This token will not be shown again. Enter it on the device now, or open the pairing link on it.',
  },
  token: { fa: 'رمز دستگاه', en: 'Device token' },
  pairingLink: { fa: 'پیوند جفت‌سازی', en: 'Pairing link' },
  pairingQr: { fa: 'کد QR پیوند جفت‌سازی', en: 'QR code of the pairing link' },
  bridgeNoLink: {
    fa: 'پل پیوند ندارد: رمز را در پیکربندی پل (NOBAT_DEVICE_TOKEN) بگذارید.',
    en: 'A bridge has no link: put the token in the bridge’s configuration (NOBAT_DEVICE_TOKEN).',
  },
  copy: { fa: 'رونوشت', en: 'Copy' },
  copied: { fa: 'رونوشت شد.', en: 'Copied.' },
  deviceIdHint: { fa: 'شناسهٔ لاتین دستگاه، مانند kiosk-2.', en: 'The device’s Latin identifier, e.g. kiosk-2.' },
  deviceName: { fa: 'نام دستگاه', en: 'Device name' },
  deviceNameHint: { fa: 'نامی که کارکنان دستگاه را با آن می‌شناسند.', en: 'The name staff know the device by.' },
  bridgeCounters: { fa: 'باجه‌های این پل', en: 'Counters of this bridge' },
  bridgeCountersHint: {
    fa: 'باجه‌هایی که نمایشگر LED و صفحه‌کلیدشان به این پل وصل است.',
    en: 'The counters whose LED display and keypad are wired to this bridge.',
  },
  bridgeKiosks: { fa: 'کیوسک‌های این پل', en: 'Kiosks of this bridge' },
  bridgeKiosksHint: {
    fa: 'کیوسک‌هایی که چاپگر نوبتشان به این پل وصل است.',
    en: 'The kiosks whose ticket printer is wired to this bridge.',
  },
  // audit
  auditIntro: {
    fa: 'هر تغییر مدیریتی: چه کسی، چه زمانی، چه چیزی را تغییر داد.',
    en: 'Every administrative change: who changed what, and when.',
  },
  when: { fa: 'زمان', en: 'When' },
  who: { fa: 'چه کسی', en: 'Who' },
  what: { fa: 'چه کاری', en: 'What' },
  target: { fa: 'روی چه', en: 'On' },
  changes: { fa: 'بخش‌های تغییرکرده', en: 'Changed fields' },
  field: { fa: 'بخش', en: 'Field' },
  // Words, not an arrow: a Persian font mirrors arrows, and 6 → 7 would read backwards.
  versionFromTo: { fa: 'از {from} به {to}', en: 'from {from} to {to}' },
  before: { fa: 'پیش از تغییر', en: 'Before' },
  after: { fa: 'پس از تغییر', en: 'After' },
  details: { fa: 'جزئیات', en: 'Details' },
  fromAddress: { fa: 'از نشانی', en: 'From address' },
  allKinds: { fa: 'همهٔ انواع', en: 'All kinds' },
  filter: { fa: 'پالایش', en: 'Filter' },
  more: { fa: 'موارد بیشتر', en: 'Show more' },
  nothingChanged: { fa: '—', en: '—' },
  actionCreate: { fa: 'ساخت', en: 'Created' },
  actionUpdate: { fa: 'ویرایش', en: 'Updated' },
  actionDelete: { fa: 'حذف', en: 'Deleted' },
  actionImport: { fa: 'درون‌ریزی', en: 'Imported' },
  actionCopy: { fa: 'رونوشت', en: 'Copied' },
  actionRevoke: { fa: 'ابطال', en: 'Revoked' },
  actionResetPassword: { fa: 'گذرواژهٔ یک‌بار مصرف', en: 'Password reset' },
  actionTest: { fa: 'آزمون دستگاه', en: 'Device test' },
  kindOrganisation: { fa: 'سازمان', en: 'Organisation' },
  kindOffice: { fa: 'اداره کل', en: 'Provincial office' },
  kindBranch: { fa: 'شعبه', en: 'Branch' },
  kindUser: { fa: 'کاربر', en: 'User' },
  kindDevice: { fa: 'دستگاه', en: 'Device' },
  // The supervisor's floor actions in the audit log (rule SV2).
  actionCounterOpen: { fa: 'بازکردن باجه', en: 'Counter opened' },
  actionCounterPause: { fa: 'توقف باجه', en: 'Counter paused' },
  actionCounterResume: { fa: 'ادامهٔ کار باجه', en: 'Counter resumed' },
  actionCounterClose: { fa: 'بستن باجه', en: 'Counter closed' },
  actionTicketMove: { fa: 'جابه‌جایی نوبت', en: 'Ticket moved' },
  actionTicketCancel: { fa: 'لغو نوبت', en: 'Ticket cancelled' },
  kindCounter: { fa: 'باجه', en: 'Counter' },
  kindTicket: { fa: 'نوبت', en: 'Ticket' },
  kindAlert: { fa: 'هشدار', en: 'Alert' },
  kindBranchLink: { fa: 'پیوند سرور شعبه', en: 'Branch server link' },
  actionAcknowledge: { fa: 'دیدن هشدار', en: 'Acknowledged' },
} as const satisfies Record<string, Message>;

export type Word = keyof typeof WORDS | CommonWord;

/** A word in the reader's language; `{name}` placeholders are filled from `vars`. */
export function t(lang: Lang, word: Word, vars?: Record<string, string>): string {
  const entry = (WORDS as Record<string, Message>)[word] ?? (COMMON as Record<string, Message>)[word];
  let text = entry ? entry[lang] : word;
  if (vars) for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, v);
  return text;
}

/** Both languages of a word (kept in state so a message follows the language switch). */
export const message = (word: Word): Message => ({ fa: t('fa', word), en: t('en', word) });

/** A counter as staff call it: its title, with its number in front unless the title says it already. */
export function counterLabel(
  lang: Lang,
  c: { number: number; title: { fa: string; en?: string | undefined } },
): string {
  const title = localized(lang, c.title);
  const n = localDigits(lang, c.number);
  return title.includes(n) ? title : `${t(lang, 'counterN', { n })} — ${title}`;
}
