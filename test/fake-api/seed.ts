// Deterministic seed data for the fake RealtimeKit API.
//
// Ids, names, tokens and statuses are derived from fixed labels (SHA-1), and numbers from a
// seeded PRNG, so every run produces the same entities. Timestamps are relative to an anchor
// `now` (default: the moment the seed is built, i.e. server start, rounded down to the second) so
// LIVE streams look current; pass `SeedOptions.now` for byte-identical timestamps too.
import { createHash } from 'node:crypto';

// ---------------------------------------------------------------------------------------------
// Wire objects (snake_case, exactly as the API sends them) and the mutable state.

export interface WireAccount {
  id: string;
  name: string | null;
  type: string;
  settings: { enforce_twofactor: boolean };
  created_on: string;
}

export interface WireApp {
  id: string;
  name: string | null;
  created_at: string;
}

export interface WireLivestream {
  id: string;
  name: string | null;
  /** LIVE | IDLE | ERRORED | INVOKED, or anything else (the seed has a legacy OFFLINE). */
  status: string;
  ingest_server: string | null;
  stream_key: string | null;
  playback_url: string | null;
  meeting_id: string | null;
  disabled: boolean;
  created_at: string;
  updated_at: string;
}

export interface WireSession {
  id: string;
  livestream_id: string;
  created_at: string;
  updated_at: string;
  invoked_time: string | null;
  started_time: string | null;
  stopped_time: string | null;
  err_message: string | null;
  ingest_seconds: number;
  viewer_seconds: number;
}

/** An app in state: the wire object plus the account it belongs to (never sent). */
export interface FakeApp extends WireApp {
  account_id: string;
}

/** A livestream in state: the wire object plus its app (never sent). */
export interface FakeLivestream extends WireLivestream {
  app_id: string;
}

export type FakeSession = WireSession;

/**
 * A RealtimeKit meeting (never sent as such: the livestream routes only take its id). Its
 * livestreams are the livestreams whose meeting_id is its id.
 */
export interface FakeMeeting {
  id: string;
  app_id: string;
  title: string | null;
  created_at: string;
}

/**
 * One occurrence of a meeting (RealtimeKit's "session" of a meeting, the id its sessions API and
 * webhooks give). Its livestream sessions are the sessions of the meeting's livestreams invoked
 * between `started_at` and `ended_at` (or now, while it runs).
 */
export interface FakeMeetingSession {
  id: string;
  meeting_id: string;
  started_at: string;
  ended_at: string | null;
}

export type RealtimePermission = 'read' | 'admin';

export interface FakeToken {
  /** Short name used in recorded requests instead of the value (e.g. 'admin'). */
  name: string;
  value: string;
  /** Token id (32 hex) as /tokens/verify reports it. */
  id: string;
  /** 'user' tokens verify on /user/tokens/verify; account-owned ones on /accounts/{id}/tokens/verify. */
  owner: 'user' | { accountId: string };
  status: 'active' | 'expired' | 'disabled';
  /** Accounts GET /accounts returns for this token. */
  listed: string[];
  /** Realtime permission per account id; a missing account is 403 on its realtime routes. */
  realtime: Record<string, RealtimePermission>;
}

export interface FakeState {
  /** Epoch ms the seed timestamps are relative to. */
  now: number;
  accounts: WireAccount[];
  tokens: FakeToken[];
  apps: FakeApp[];
  livestreams: FakeLivestream[];
  /** All sessions of all livestreams (linked by livestream_id). */
  sessions: FakeSession[];
  /** Meetings of every app (the meeting routes 404 for an id not here). */
  meetings: FakeMeeting[];
  /** Occurrences of meetings, for GET …/sessions/{session_id}/livestream-sessions. */
  meetingSessions: FakeMeetingSession[];
  /** Counter for ids of entities created at runtime (deterministic in creation order). */
  createdCount: number;
  /** Set while the fake runs a real ingest: livestreams then point at it instead of Cloudflare. */
  localIngest?: { ingestServer: string; origin: string };
}

export interface SeedOptions {
  /** Anchor for seed timestamps (epoch ms, Date or ISO string). Default: Date.now() at build time. */
  now?: number | string | Date;
  /** Livestreams in the "Load Test" app (default 260). */
  loadTestCount?: number;
}

// ---------------------------------------------------------------------------------------------
// Deterministic ids.

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** A UUID (v4 layout) derived from a label: same label, same id, every run. */
export function uuidFor(label: string): string {
  const h = sha1(`rtk-fake:${label}`);
  const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** 32 lowercase hex characters derived from a label (Cloudflare account / token ids). */
export function hex32For(label: string): string {
  return sha1(`rtk-fake-hex:${label}`).slice(0, 32);
}

/** Cloudflare Stream style live-input key: 32 hex + 'k' + 32 hex. */
export function streamKeyFor(label: string): string {
  return `${hex32For(`key1:${label}`)}k${hex32For(`key2:${label}`)}`;
}

const CUSTOMER_CODE: Record<string, string> = {};

function customerCodeFor(accountId: string): string {
  let code = CUSTOMER_CODE[accountId];
  if (!code) {
    // Cloudflare customer subdomains look like customer-f33zs165nr7gyfy4.
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const h = sha1(`customer:${accountId}`);
    code = '';
    for (let i = 0; i < 16; i++) {
      code += alphabet[parseInt(h.slice(i * 2, i * 2 + 2), 16) % alphabet.length];
    }
    CUSTOMER_CODE[accountId] = code;
  }
  return code;
}

export const INGEST_SERVER = 'rtmps://live.cloudflare.com:443/live/';

export function playbackUrlFor(accountId: string, label: string): string {
  return `https://customer-${customerCodeFor(accountId)}.cloudflarestream.com/${hex32For(`video:${label}`)}/manifest/video.m3u8`;
}

// ---------------------------------------------------------------------------------------------
// Accounts and tokens.

export const FAKE_ACCOUNT_ID = hex32For('account:acme');
export const FAKE_ACCOUNT_NAME = 'Acme Streaming';
export const FAKE_SECOND_ACCOUNT_ID = hex32For('account:second');
export const FAKE_SECOND_ACCOUNT_NAME = 'Second Account';

function tokenValue(label: string): string {
  return `rtk_fake_${sha1(`token:${label}`)}`;
}

/** Realtime Admin on both accounts; GET /accounts lists both. The token `startFakeApi` hands out. */
export const FAKE_TOKEN = tokenValue('admin');
/** Lists and reaches only the primary account (Realtime Admin). */
export const FAKE_TOKEN_ONE_ACCOUNT = tokenValue('one-account');
/** Narrowly scoped: GET /accounts is empty, but Realtime Admin on the primary account works. */
export const FAKE_TOKEN_UNLISTED = tokenValue('unlisted');
/** Realtime (read) only on both accounts: GETs work, POSTs are 403. */
export const FAKE_TOKEN_READ_ONLY = tokenValue('read-only');
/** Valid and active, lists the primary account, but has no Realtime permission: 403 on every realtime route. */
export const FAKE_TOKEN_NO_ACCOUNT = tokenValue('no-realtime');
/** Account-owned token of the primary account: 401 on /user/tokens/verify, active on /accounts/{id}/tokens/verify. */
export const FAKE_ACCOUNT_TOKEN = tokenValue('account-owned');
/** Expired: verify endpoints answer status 'expired', every other route 401. */
export const FAKE_TOKEN_EXPIRED = tokenValue('expired');

/** Every seeded token by short name (the name recorded requests show instead of the value). */
export const FAKE_TOKENS = {
  admin: FAKE_TOKEN,
  oneAccount: FAKE_TOKEN_ONE_ACCOUNT,
  unlisted: FAKE_TOKEN_UNLISTED,
  readOnly: FAKE_TOKEN_READ_ONLY,
  noRealtime: FAKE_TOKEN_NO_ACCOUNT,
  accountOwned: FAKE_ACCOUNT_TOKEN,
  expired: FAKE_TOKEN_EXPIRED,
} as const;
export type FakeTokenName = keyof typeof FAKE_TOKENS;

function seedTokens(): FakeToken[] {
  const both = [FAKE_ACCOUNT_ID, FAKE_SECOND_ACCOUNT_ID];
  const t = (
    name: FakeTokenName,
    owner: FakeToken['owner'],
    listed: string[],
    realtime: Record<string, RealtimePermission>,
    status: FakeToken['status'] = 'active',
  ): FakeToken => ({ name, value: FAKE_TOKENS[name], id: hex32For(`token-id:${name}`), owner, status, listed, realtime });
  return [
    t('admin', 'user', both, { [FAKE_ACCOUNT_ID]: 'admin', [FAKE_SECOND_ACCOUNT_ID]: 'admin' }),
    t('oneAccount', 'user', [FAKE_ACCOUNT_ID], { [FAKE_ACCOUNT_ID]: 'admin' }),
    t('unlisted', 'user', [], { [FAKE_ACCOUNT_ID]: 'admin' }),
    t('readOnly', 'user', both, { [FAKE_ACCOUNT_ID]: 'read', [FAKE_SECOND_ACCOUNT_ID]: 'read' }),
    t('noRealtime', 'user', [FAKE_ACCOUNT_ID], {}),
    t('accountOwned', { accountId: FAKE_ACCOUNT_ID }, [FAKE_ACCOUNT_ID], { [FAKE_ACCOUNT_ID]: 'admin' }),
    t('expired', 'user', both, { [FAKE_ACCOUNT_ID]: 'admin', [FAKE_SECOND_ACCOUNT_ID]: 'admin' }, 'expired'),
  ];
}

// ---------------------------------------------------------------------------------------------
// Notable seeded entities, by name.

export const SEED_IDS = {
  // Apps
  productionApp: uuidFor('app:production'),
  stagingApp: uuidFor('app:staging'),
  /** "Load Test": 260 livestreams (paging). */
  bigApp: uuidFor('app:load-test'),
  /** "Sandbox": no livestreams at all. */
  emptyApp: uuidFor('app:sandbox'),
  /** "Partner Showcase" in the second account. */
  secondAccountApp: uuidFor('app:partner'),

  // Livestreams in "Production Events"
  /** "Keynote – Main Stage": LIVE, session in progress (started 42 min before now). */
  liveStream: uuidFor('ls:keynote'),
  /** "Product Launch": IDLE, 3 finished sessions. */
  idleStream: uuidFor('ls:product-launch'),
  /** "Customer Webinar – EMEA": ERRORED, latest session has err_message. */
  erroredStream: uuidFor('ls:webinar'),
  /** "Company Town Hall": LIVE, started from a meeting (meeting_id set). */
  meetingLiveStream: uuidFor('ls:town-hall'),
  /** "Developer Q&A": INVOKED (meeting), not provisioned: ingest_server/stream_key/playback_url null. */
  invokedStream: uuidFor('ls:dev-qa'),
  /** "Weekly All-Hands": IDLE, 36 sessions (session paging), two with err_message. */
  manySessionsStream: uuidFor('ls:all-hands'),
  /** "Konferenz – Zürich 🎥" */
  unicodeStream: uuidFor('ls:zurich'),
  /** "東京ライブ" */
  japaneseStream: uuidFor('ls:tokyo'),
  /** "Archive – 2023 Summit": disabled: true. */
  disabledStream: uuidFor('ls:archive'),
  /** "Legacy Channel": status "OFFLINE" (outside the four known). */
  offlineStream: uuidFor('ls:legacy'),

  // Livestreams in "Staging"
  /** name: null, no sessions. */
  nullNameStream: uuidFor('ls:null-name'),
  /** "Staging Smoke Test": LIVE, session in progress (started 5 min before now). */
  stagingLiveStream: uuidFor('ls:staging-smoke'),
  /** name `<img src=x onerror=alert(1)>`; one session's err_message is HTML too. */
  xssStream: uuidFor('ls:xss-img'),
  /** name `<script>alert("xss")</script>`, ERRORED. */
  scriptStream: uuidFor('ls:xss-script'),
  /** 150-character name. */
  longNameStream: uuidFor('ls:long-name'),
  /** name: "" (empty string), no sessions. */
  emptyNameStream: uuidFor('ls:empty-name'),
  /** "Never Broadcast": IDLE, no sessions. */
  noSessionsStream: uuidFor('ls:never'),

  // Second account
  /** "Partner Live Feed": LIVE in the second account. */
  secondAccountLiveStream: uuidFor('ls:partner-live'),
  /** "Partner Demo Day": IDLE in the second account. */
  secondAccountIdleStream: uuidFor('ls:partner-demo'),

  // Sessions
  /** The in-progress session of liveStream. */
  liveSession: uuidFor('session:keynote:live'),
  /** The errored (latest) session of erroredStream. */
  erroredSession: uuidFor('session:webinar:0'),
  /** The invoked, not yet started session of invokedStream. */
  invokedSession: uuidFor('session:dev-qa:live'),
  /** The in-progress session of meetingLiveStream. */
  meetingLiveSession: uuidFor('session:town-hall:live'),
  /** The in-progress session of stagingLiveStream. */
  stagingLiveSession: uuidFor('session:staging-smoke:live'),

  // Meetings
  /** meeting_id of meetingLiveStream ("Company Town Hall"): has an active livestream. */
  townHallMeeting: uuidFor('meeting:town-hall'),
  /** meeting_id of invokedStream ("Developer Q&A"). */
  devQaMeeting: uuidFor('meeting:dev-qa'),
  /** A meeting id with no livestream at all. */
  idleMeeting: uuidFor('meeting:idle'),

  // Meeting sessions (occurrences of a meeting)
  /** The town hall in progress: its livestream session is meetingLiveSession. */
  townHallMeetingSession: uuidFor('meeting-session:town-hall:now'),
  /** Last week's town hall: its livestream session is the finished town-hall:0. */
  townHallPastMeetingSession: uuidFor('meeting-session:town-hall:past'),
  /** The Developer Q&A in progress: its livestream session is invokedSession (not started). */
  devQaMeetingSession: uuidFor('meeting-session:dev-qa:now'),
  /** A design review that was never livestreamed: no livestream sessions. */
  idleMeetingSession: uuidFor('meeting-session:idle:0'),
} as const;
export type SeedIdName = keyof typeof SEED_IDS;

export const SEED_NAMES = {
  liveStream: 'Keynote – Main Stage',
  idleStream: 'Product Launch',
  erroredStream: 'Customer Webinar – EMEA',
  meetingLiveStream: 'Company Town Hall',
  invokedStream: 'Developer Q&A',
  manySessionsStream: 'Weekly All-Hands',
  unicodeStream: 'Konferenz – Zürich 🎥',
  japaneseStream: '東京ライブ',
  disabledStream: 'Archive – 2023 Summit',
  offlineStream: 'Legacy Channel',
  stagingLiveStream: 'Staging Smoke Test',
  xssStream: '<img src=x onerror=alert(1)>',
  scriptStream: '<script>alert("xss")</script>',
  longNameStream:
    'A very long livestream name that keeps going and going to check truncation in narrow tree views, tooltips and webview headers – 2025 edition (final)',
  noSessionsStream: 'Never Broadcast',
  secondAccountLiveStream: 'Partner Live Feed',
  secondAccountIdleStream: 'Partner Demo Day',
} as const;

export const SEED_APP_NAMES = {
  productionApp: 'Production Events',
  stagingApp: 'Staging',
  bigApp: 'Load Test',
  emptyApp: 'Sandbox',
  secondAccountApp: 'Partner Showcase',
} as const;

export const SEED_MEETING_TITLES = {
  townHallMeeting: 'Company Town Hall',
  devQaMeeting: 'Developer Q&A',
  idleMeeting: 'Design Review',
} as const;

export const ERR_NO_KEYFRAME = 'Input stream ended unexpectedly: no keyframe for 30s';
export const ERR_CONNECTION_RESET = 'Encoder disconnected: connection reset by peer';
export const ERR_HTML = '<b onmouseover=alert(2)>Encoder error</b> & "quotes"';

export const DEFAULT_LOAD_TEST_COUNT = 260;

// ---------------------------------------------------------------------------------------------
// PRNG (mulberry32): numbers only; ids never depend on it.

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export function resolveNow(now: SeedOptions['now']): number {
  let ms: number;
  if (now === undefined) ms = Date.now();
  else if (typeof now === 'number') ms = now;
  else if (now instanceof Date) ms = now.getTime();
  else ms = Date.parse(now);
  if (!Number.isFinite(ms)) throw new Error(`fake-api seed: invalid "now": ${String(now)}`);
  return Math.floor(ms / SEC) * SEC;
}

const iso = (ms: number): string => new Date(ms).toISOString();

// ---------------------------------------------------------------------------------------------
// Builders.

class SeedBuilder {
  readonly state: FakeState;
  private readonly rand = mulberry32(0x5eed2025);

  constructor(now: number) {
    this.state = { now, accounts: [], tokens: seedTokens(), apps: [], livestreams: [], sessions: [], meetings: [], meetingSessions: [], createdCount: 0 };
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.rand() * (max - min + 1));
  }

  ago(ms: number): number {
    return this.state.now - ms;
  }

  account(id: string, name: string, createdAgo: number): void {
    this.state.accounts.push({ id, name, type: 'standard', settings: { enforce_twofactor: false }, created_on: iso(this.ago(createdAgo)) });
  }

  app(id: string, accountId: string, name: string, createdAgo: number): void {
    this.state.apps.push({ id, account_id: accountId, name, created_at: iso(this.ago(createdAgo)) });
  }

  livestream(
    label: string,
    appId: string,
    accountId: string,
    o: { name: string | null; status: string; createdAgo: number; meetingId?: string | null; disabled?: boolean; unprovisioned?: boolean },
  ): FakeLivestream {
    const created = this.ago(o.createdAgo);
    const ls: FakeLivestream = {
      id: uuidFor(`ls:${label}`),
      name: o.name,
      status: o.status,
      ingest_server: o.unprovisioned ? null : INGEST_SERVER,
      stream_key: o.unprovisioned ? null : streamKeyFor(label),
      playback_url: o.unprovisioned ? null : playbackUrlFor(accountId, label),
      meeting_id: o.meetingId ?? null,
      disabled: o.disabled ?? false,
      created_at: iso(created),
      updated_at: iso(created),
      app_id: appId,
    };
    this.state.livestreams.push(ls);
    return ls;
  }

  /** A finished session whose invocation was `invokedAgo` before now. */
  finished(
    ls: FakeLivestream,
    sessionLabel: string,
    invokedAgo: number,
    durationSec: number,
    o: { err?: string | null; avgViewers?: number } = {},
  ): FakeSession {
    const invoked = this.ago(invokedAgo);
    const started = invoked + this.int(3, 15) * SEC;
    const stopped = started + durationSec * SEC;
    const viewers = o.avgViewers ?? this.int(2, 400);
    const s: FakeSession = {
      id: uuidFor(`session:${sessionLabel}`),
      livestream_id: ls.id,
      created_at: iso(invoked),
      updated_at: iso(stopped + 2 * SEC),
      invoked_time: iso(invoked),
      started_time: iso(started),
      stopped_time: iso(stopped),
      err_message: o.err === undefined ? null : o.err,
      ingest_seconds: durationSec,
      viewer_seconds: durationSec * viewers,
    };
    this.push(ls, s);
    return s;
  }

  /** A session in progress: started `startedAgo` before now (LIVE), or only invoked (INVOKED). */
  inProgress(ls: FakeLivestream, sessionLabel: string, startedAgo: number | null, avgViewers = 0): FakeSession {
    const invoked = startedAgo === null ? this.ago(40 * SEC) : this.ago(startedAgo + this.int(3, 12) * SEC);
    const ingest = startedAgo === null ? 0 : Math.floor(startedAgo / SEC) - 10;
    const s: FakeSession = {
      id: uuidFor(`session:${sessionLabel}`),
      livestream_id: ls.id,
      created_at: iso(invoked),
      updated_at: iso(startedAgo === null ? invoked : this.ago(10 * SEC)),
      invoked_time: iso(invoked),
      started_time: startedAgo === null ? null : iso(this.ago(startedAgo)),
      stopped_time: null,
      err_message: null,
      ingest_seconds: Math.max(0, ingest),
      viewer_seconds: Math.max(0, ingest) * avgViewers,
    };
    this.push(ls, s);
    return s;
  }

  meeting(id: string, appId: string, title: string | null, createdAgo: number): void {
    this.state.meetings.push({ id, app_id: appId, title, created_at: iso(this.ago(createdAgo)) });
  }

  /** An occurrence of a meeting, from `startedAgo` before now to `endedAgo` before now (null: still running). */
  meetingSession(id: string, meetingId: string, startedAgo: number, endedAgo: number | null): void {
    this.state.meetingSessions.push({ id, meeting_id: meetingId, started_at: iso(this.ago(startedAgo)), ended_at: endedAgo === null ? null : iso(this.ago(endedAgo)) });
  }

  private push(ls: FakeLivestream, s: FakeSession): void {
    this.state.sessions.push(s);
    if (s.updated_at > ls.updated_at) ls.updated_at = s.updated_at;
  }
}

/** Accounts and tokens only (what `seed: false` serves). */
export function buildEmptyState(opts: SeedOptions = {}): FakeState {
  const b = new SeedBuilder(resolveNow(opts.now));
  b.account(FAKE_ACCOUNT_ID, FAKE_ACCOUNT_NAME, 900 * DAY);
  b.account(FAKE_SECOND_ACCOUNT_ID, FAKE_SECOND_ACCOUNT_NAME, 300 * DAY);
  return b.state;
}

/** The full deterministic seed (see README.md for the table). */
export function buildSeedState(opts: SeedOptions = {}): FakeState {
  const b = new SeedBuilder(resolveNow(opts.now));
  const A = FAKE_ACCOUNT_ID;
  const B = FAKE_SECOND_ACCOUNT_ID;
  const S = SEED_IDS;
  const N = SEED_NAMES;
  b.account(A, FAKE_ACCOUNT_NAME, 900 * DAY);
  b.account(B, FAKE_SECOND_ACCOUNT_NAME, 300 * DAY);

  b.app(S.productionApp, A, SEED_APP_NAMES.productionApp, 400 * DAY);
  b.app(S.stagingApp, A, SEED_APP_NAMES.stagingApp, 200 * DAY);
  b.app(S.bigApp, A, SEED_APP_NAMES.bigApp, 120 * DAY);
  b.app(S.emptyApp, A, SEED_APP_NAMES.emptyApp, 10 * DAY);
  b.app(S.secondAccountApp, B, SEED_APP_NAMES.secondAccountApp, 250 * DAY);

  // --- Production Events ----------------------------------------------------------------------
  const P = S.productionApp;
  const keynote = b.livestream('keynote', P, A, { name: N.liveStream, status: 'LIVE', createdAgo: 120 * DAY });
  for (let i = 4; i >= 1; i--) b.finished(keynote, `keynote:${i}`, i * 14 * DAY + 2 * HOUR, b.int(2400, 5400), { avgViewers: b.int(300, 900) });
  b.inProgress(keynote, 'keynote:live', 42 * MIN, 1850);

  const launch = b.livestream('product-launch', P, A, { name: N.idleStream, status: 'IDLE', createdAgo: 60 * DAY });
  b.finished(launch, 'product-launch:2', 30 * DAY, 1800);
  b.finished(launch, 'product-launch:1', 9 * DAY, 600, { err: '' });
  b.finished(launch, 'product-launch:0', 2 * DAY, 3720, { avgViewers: 1200 });

  const webinar = b.livestream('webinar', P, A, { name: N.erroredStream, status: 'ERRORED', createdAgo: 45 * DAY });
  b.finished(webinar, 'webinar:2', 14 * DAY, 3300);
  b.finished(webinar, 'webinar:1', 7 * DAY, 3420);
  b.finished(webinar, 'webinar:0', 3 * HOUR, 754, { err: ERR_NO_KEYFRAME, avgViewers: 85 });

  const townHall = b.livestream('town-hall', P, A, { name: N.meetingLiveStream, status: 'LIVE', createdAgo: 20 * DAY, meetingId: S.townHallMeeting });
  b.finished(townHall, 'town-hall:0', 7 * DAY, 2700);
  b.inProgress(townHall, 'town-hall:live', 12 * MIN, 240);

  const devQa = b.livestream('dev-qa', P, A, { name: N.invokedStream, status: 'INVOKED', createdAgo: 1 * MIN, meetingId: S.devQaMeeting, unprovisioned: true });
  b.inProgress(devQa, 'dev-qa:live', null);

  // Meetings and their occurrences: each covers the livestream sessions invoked while it ran.
  b.meeting(S.townHallMeeting, P, SEED_MEETING_TITLES.townHallMeeting, 30 * DAY);
  b.meeting(S.devQaMeeting, P, SEED_MEETING_TITLES.devQaMeeting, 2 * DAY);
  b.meeting(S.idleMeeting, P, SEED_MEETING_TITLES.idleMeeting, 5 * DAY);
  b.meetingSession(S.townHallPastMeetingSession, S.townHallMeeting, 7 * DAY + 10 * MIN, 7 * DAY - 2700 * SEC - 30 * MIN);
  b.meetingSession(S.townHallMeetingSession, S.townHallMeeting, 20 * MIN, null);
  b.meetingSession(S.devQaMeetingSession, S.devQaMeeting, 5 * MIN, null);
  b.meetingSession(S.idleMeetingSession, S.idleMeeting, 4 * DAY, 4 * DAY - 45 * MIN);

  const allHands = b.livestream('all-hands', P, A, { name: N.manySessionsStream, status: 'IDLE', createdAgo: 260 * DAY });
  for (let i = 35; i >= 0; i--) {
    const err = i === 4 ? ERR_NO_KEYFRAME : i === 17 ? ERR_CONNECTION_RESET : null;
    b.finished(allHands, `all-hands:${i}`, i * 7 * DAY + 3 * DAY + 5 * HOUR, err ? b.int(120, 900) : b.int(1700, 3900), { err });
  }

  const zurich = b.livestream('zurich', P, A, { name: N.unicodeStream, status: 'IDLE', createdAgo: 33 * DAY });
  b.finished(zurich, 'zurich:0', 21 * DAY, 5400);

  const tokyo = b.livestream('tokyo', P, A, { name: N.japaneseStream, status: 'IDLE', createdAgo: 50 * DAY });
  b.finished(tokyo, 'tokyo:1', 40 * DAY, 2000);
  b.finished(tokyo, 'tokyo:0', 12 * DAY, 2600);

  const archive = b.livestream('archive', P, A, { name: N.disabledStream, status: 'IDLE', createdAgo: 390 * DAY, disabled: true });
  for (let i = 4; i >= 0; i--) b.finished(archive, `archive:${i}`, 380 * DAY - i * DAY, b.int(3000, 7000));

  const legacy = b.livestream('legacy', P, A, { name: N.offlineStream, status: 'OFFLINE', createdAgo: 399 * DAY });
  b.finished(legacy, 'legacy:0', 398 * DAY, 1200);


  // --- Staging ---------------------------------------------------------------------------------
  const St = S.stagingApp;
  const smoke = b.livestream('staging-smoke', St, A, { name: N.stagingLiveStream, status: 'LIVE', createdAgo: 15 * DAY });
  b.finished(smoke, 'staging-smoke:0', 1 * DAY, 300, { avgViewers: 2 });
  b.inProgress(smoke, 'staging-smoke:live', 5 * MIN, 3);

  const xss = b.livestream('xss-img', St, A, { name: N.xssStream, status: 'IDLE', createdAgo: 12 * DAY });
  b.finished(xss, 'xss-img:1', 11 * DAY, 60, { err: ERR_HTML });
  b.finished(xss, 'xss-img:0', 4 * DAY, 900);

  const script = b.livestream('xss-script', St, A, { name: N.scriptStream, status: 'ERRORED', createdAgo: 11 * DAY });
  b.finished(script, 'xss-script:0', 6 * HOUR, 45, { err: ERR_NO_KEYFRAME });

  const long = b.livestream('long-name', St, A, { name: N.longNameStream, status: 'IDLE', createdAgo: 9 * DAY });
  b.finished(long, 'long-name:0', 8 * DAY, 1500);

  b.livestream('null-name', St, A, { name: null, status: 'IDLE', createdAgo: 5 * DAY });
  b.livestream('empty-name', St, A, { name: '', status: 'IDLE', createdAgo: 3 * DAY });
  b.livestream('never', St, A, { name: N.noSessionsStream, status: 'IDLE', createdAgo: 2 * DAY });

  // --- Load Test: N livestreams with predictable status counts (see README) ---------------------
  const count = opts.loadTestCount ?? DEFAULT_LOAD_TEST_COUNT;
  for (let i = 1; i <= count; i++) {
    const label = `load:${i}`;
    const status = i % 50 === 0 ? 'LIVE' : i % 37 === 0 ? 'INVOKED' : i % 13 === 0 ? 'ERRORED' : 'IDLE';
    const createdAgo = (count - i + 1) * 3 * HOUR + b.int(0, 1800) * SEC;
    const meetingId = i % 4 === 0 ? uuidFor(`meeting:load:${i}`) : null;
    const ls = b.livestream(label, S.bigApp, A, {
      name: `Load Test Stream ${String(i).padStart(3, '0')}`,
      status,
      createdAgo,
      meetingId,
    });
    if (meetingId) b.meeting(meetingId, S.bigApp, `Load Test Meeting ${String(i).padStart(3, '0')}`, createdAgo);
    const finishedCount = status === 'ERRORED' ? Math.max(1, i % 3) : status === 'IDLE' ? i % 3 : status === 'LIVE' ? 1 : 0;
    for (let j = finishedCount - 1; j >= 0; j--) {
      // Spread the sessions between creation and now, newest (j = 0) last.
      const slot = createdAgo / (finishedCount + 1);
      const invokedAgo = Math.floor((slot * (j + 1)) / SEC) * SEC;
      const err = status === 'ERRORED' && j === 0 ? ERR_NO_KEYFRAME : '';
      b.finished(ls, `load:${i}:${j}`, invokedAgo, Math.min(b.int(60, 3600), Math.floor(invokedAgo / SEC) - 60), { err });
    }
    if (status === 'LIVE') b.inProgress(ls, `load:${i}:live`, b.int(1, 90) * MIN, b.int(1, 50));
    if (status === 'INVOKED') b.inProgress(ls, `load:${i}:live`, null);
  }

  // --- Second account ----------------------------------------------------------------------------
  const Pa = S.secondAccountApp;
  const demo = b.livestream('partner-demo', Pa, B, { name: N.secondAccountIdleStream, status: 'IDLE', createdAgo: 70 * DAY });
  b.finished(demo, 'partner-demo:1', 60 * DAY, 2400);
  b.finished(demo, 'partner-demo:0', 30 * DAY, 2100);
  const feed = b.livestream('partner-live', Pa, B, { name: N.secondAccountLiveStream, status: 'LIVE', createdAgo: 25 * DAY });
  b.inProgress(feed, 'partner-live:live', 75 * MIN, 60);

  return b.state;
}

/** Builds the state a server starts with: the seed, or accounts/tokens only when `seed` is false. */
export function buildState(seed: SeedOptions | false | undefined): FakeState {
  return seed === false ? buildEmptyState() : buildSeedState(seed ?? {});
}

// Runtime-created entities: deterministic ids in creation order.
export function createdIdFor(kind: string, n: number): string {
  return uuidFor(`created:${kind}:${n}`);
}
