// Every command id the extension contributes, in one place: package.json, the tree, the panel
// and the tests refer to these constants, never to string literals.
export const Commands = {
  setApiToken: 'realtimekit.setApiToken',
  signOut: 'realtimekit.signOut',
  selectAccount: 'realtimekit.selectAccount',
  refresh: 'realtimekit.refresh',
  filterByStatus: 'realtimekit.filterByStatus',
  clearFilter: 'realtimekit.clearFilter',
  openLivestream: 'realtimekit.openLivestream',
  copyStreamKey: 'realtimekit.copyStreamKey',
  copyIngestServer: 'realtimekit.copyIngestServer',
  copyRtmpUrl: 'realtimekit.copyRtmpUrl',
  copyPlaybackUrl: 'realtimekit.copyPlaybackUrl',
  openPlaybackUrl: 'realtimekit.openPlaybackUrl',
  previewPlayback: 'realtimekit.previewPlayback',
  copyLivestreamId: 'realtimekit.copyLivestreamId',
  copyMeetingId: 'realtimekit.copyMeetingId',
  copyFfmpegCommand: 'realtimekit.copyFfmpegCommand',
  createLivestream: 'realtimekit.createLivestream',
  startMeetingLivestream: 'realtimekit.startMeetingLivestream',
  stopMeetingLivestream: 'realtimekit.stopMeetingLivestream',
  findMeetingSession: 'realtimekit.findMeetingSession',
  openAppDashboard: 'realtimekit.openAppDashboard',
  watchLivestream: 'realtimekit.watchLivestream',
  stopWatching: 'realtimekit.stopWatching',
  streamTestPattern: 'realtimekit.streamTestPattern',
  stopTestPattern: 'realtimekit.stopTestPattern',
  sendToObs: 'realtimekit.sendToObs',
  obsStartStreaming: 'realtimekit.obsStartStreaming',
  obsStopStreaming: 'realtimekit.obsStopStreaming',
  setObsPassword: 'realtimekit.setObsPassword',
  showLogs: 'realtimekit.showLogs',
  /** The status bar item's action: a quick pick of the LIVE livestreams. */
  openLiveLivestream: 'realtimekit.openLiveLivestream',
  /** Internal (hidden from the palette): the tree's "Load more" node. */
  loadMore: 'realtimekit.loadMore',
  /** Internal (hidden from the palette): the tree's error nodes. */
  retry: 'realtimekit.retry',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

/** The view, as declared in package.json (inside the `realtimekit` view container). */
export const TREE_VIEW_ID = 'realtimekit.livestreams';

/** Context keys the `when` clauses in package.json read. */
export const ContextKeys = {
  /** signedOut | needsAccount | authFailed | ready (unset until the first resolution). */
  state: 'realtimekit.state',
  /** True while a status filter is active. */
  filtered: 'realtimekit.filtered',
  /** True when CLOUDFLARE_API_TOKEN is set in the environment (the welcome content mentions it). */
  envToken: 'realtimekit.envToken',
} as const;
