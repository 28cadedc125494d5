// The meeting commands. Start Livestreaming a Meeting... (app, meeting ID, name, resolution, then
// a POST), Stop Meeting Livestream (a modal yes, then a POST) and Find Livestream Sessions of a
// Meeting Session... (a meeting session's livestream sessions, one opened in its panel).
//
// Before each write, `GET …/meetings/{id}/active-livestream` answers the question the write
// depends on, faster and more clearly than the write's own failure: is the meeting livestreaming
// already (a start would be refused with 409), is anything in progress to stop (a stop would be
// 404), and after a write that timed out, did it happen anyway. POSTs are never retried.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { isApiError } from '../api/errors';
import type { App, Livestream } from '../api/types';
import { Commands } from '../shared/commandIds';
import { presentStatus } from '../shared/status';
import { isLivestreamRef, type LivestreamRef } from '../shared/ref';
import type { LivestreamStore } from '../store/store';
import { LivestreamNode } from '../tree/nodes';
import { confirm, registerCommand, reportError, type CommandContext } from './commandContext';
import { defaultName, livestreamSessionPickItems, RESOLUTIONS, resolutionWording, sessionIdOf, startArgsOf, validateId, validateLivestreamName, type StartArgs } from './inputs';
import { resolveApp, resolveLivestream, revealLivestream, toQuickPickItems } from './livestreamTarget';

/** Livestream sessions of one meeting session fetched at once: far more than a meeting ever has. */
const MEETING_SESSION_PAGE = { pageNo: 1, perPage: 100 } as const;

export function registerMeetingCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    registerCommand(ctx, Commands.startMeetingLivestream, (arg) => startMeetingLivestream(ctx, arg)),
    registerCommand(ctx, Commands.stopMeetingLivestream, (arg) => stopMeetingLivestream(ctx, arg)),
    registerCommand(ctx, Commands.findMeetingSession, (arg) => findMeetingSession(ctx, arg)),
  ];
}

// ---- start ----------------------------------------------------------------------------------

/** What a tree node, a ref (the panel) or an argument object already says: the rest is asked. */
async function givenStart(ctx: CommandContext, arg: unknown): Promise<StartArgs & { previous?: Livestream }> {
  if (arg instanceof LivestreamNode) {
    const l = arg.livestream;
    return { appId: arg.parent.appId, ...(l.meetingId ? { meetingId: l.meetingId } : {}), previous: l };
  }
  if (isLivestreamRef(arg)) {
    const l = await ctx.connection.store?.resolveLivestream(arg.appId, arg.livestreamId).catch(() => undefined);
    return { appId: arg.appId, ...(l?.meetingId ? { meetingId: l.meetingId } : {}), ...(l ? { previous: l } : {}) };
  }
  return startArgsOf(arg);
}

async function startMeetingLivestream(ctx: CommandContext, arg: unknown): Promise<void> {
  const title = l10n.t('RealtimeKit: Start Livestreaming a Meeting');
  const given = await givenStart(ctx, arg);
  const app = await resolveApp(ctx, given.appId ? { appId: given.appId } : arg, title);
  const store = ctx.connection.store;
  if (!app || !store) return;
  const meetingId =
    given.meetingId ??
    (
      await vscode.window.showInputBox({
        title,
        prompt: l10n.t({
          message: "ID of the meeting to livestream, in “{0}” (from RealtimeKit's meetings API or dashboard)",
          args: [app.name],
          comment: ['{0} is the name of a RealtimeKit app'],
        }),
        placeHolder: l10n.t({ message: 'e.g. {0}', args: ['4f5c0f5e-0a1b-4c2d-9e8f-123456789abc'], comment: ['{0} is an example ID'] }),
        ignoreFocusOut: true,
        validateInput: (v) => validateId(v, 'meeting ID'),
      })
    )?.trim();
  if (!meetingId) return;

  // Livestreaming already? Then there is nothing to start, and the livestream to show is known.
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: l10n.t('Checking the meeting…') }, () => store.meetings.loadActive(app.id, meetingId));
  const active = store.meetings.active(app.id, meetingId);
  if (active.error) {
    reportError(ctx, `Couldn't check meeting ${meetingId}`, active.error);
    return;
  }
  if (active.value) {
    offerOpen(
      ctx,
      store,
      active.value,
      l10n.t({
        message: 'Meeting {0} is already livestreaming as “{1}” ({2}).',
        args: [meetingId, active.value.name, presentStatus(active.value.status).label],
        comment: ['{0} is a meeting ID, {1} the name of its livestream, {2} the livestream status, e.g. LIVE'],
      }),
    );
    return;
  }

  const name =
    given.name ??
    (
      await vscode.window.showInputBox({
        title,
        prompt: l10n.t('Name of the livestream'),
        value: defaultName(given.previous, meetingId),
        ignoreFocusOut: true,
        validateInput: validateLivestreamName,
      })
    )?.trim();
  if (!name) return;
  const resolution =
    RESOLUTIONS.find((r) => r.id === given.resolution) ??
    (
      await vscode.window.showQuickPick(
        RESOLUTIONS.map((r) => ({ ...resolutionWording(r), resolution: r })),
        { title, placeHolder: l10n.t('Resolution of the livestream') },
      )
    )?.resolution;
  if (!resolution) return;

  let started: Livestream;
  try {
    started = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: l10n.t({ message: 'Starting to livestream meeting {0}…', args: [meetingId], comment: ['{0} is a meeting ID'] }) }, () =>
      store.meetings.start(app.id, meetingId, { name, videoConfig: resolution.videoConfig }, ctx.filter.current),
    );
  } catch (err) {
    const late = isApiError(err) && err.kind === 'timeout' ? await startedAnyway(ctx, store, app, meetingId) : undefined;
    if (!late) {
      reportError(ctx, `Couldn't start livestreaming meeting ${meetingId}`, err);
      return;
    }
    ctx.logger.info(`Livestream ${late.id} of meeting ${meetingId} started although the API did not answer in time.`);
    started = late;
  }
  ctx.logger.info(`Started livestream ${started.id} of meeting ${meetingId} in app ${app.id} (${resolution.id}).`);
  const ref = { accountId: store.accountId, appId: app.id, livestreamId: started.id };
  ctx.watcher.watch(ref, started.name);
  const status = presentStatus(started.status).label;
  if (await revealLivestream(ctx, ref, { focus: true })) {
    confirm(
      l10n.t({
        message: 'Livestreaming meeting {0} as “{1}”: it is {2}',
        args: [meetingId, started.name, status],
        comment: ['{0} is a meeting ID, {1} the name of its livestream, {2} the livestream status, e.g. INVOKED'],
      }),
    );
  } else {
    offerOpen(
      ctx,
      store,
      started,
      l10n.t({
        message: 'Livestreaming meeting {0} as “{1}”: it is {2}.',
        args: [meetingId, started.name, status],
        comment: ['{0} is a meeting ID, {1} the name of its livestream, {2} the livestream status, e.g. INVOKED'],
      }),
    );
  }
}

/** After a start that got no answer: the meeting's active livestream says whether it happened (and the list shows it). */
async function startedAnyway(ctx: CommandContext, store: LivestreamStore, app: App, meetingId: string): Promise<Livestream | undefined> {
  ctx.logger.warn(`Starting to livestream meeting ${meetingId} got no answer in time; checking whether it started.`);
  await Promise.all([store.meetings.loadActive(app.id, meetingId), store.loadLivestreams(app.id, { filter: ctx.filter.current, fresh: true })]);
  return store.meetings.active(app.id, meetingId).value ?? undefined;
}

function offerOpen(ctx: CommandContext, store: LivestreamStore, livestream: Livestream, message: string): void {
  const open = l10n.t('Open Livestream');
  void vscode.window.showInformationMessage(message, open).then((choice) => {
    if (choice === open) ctx.panels.open({ accountId: store.accountId, appId: livestream.appId, livestreamId: livestream.id }, livestream.name);
  });
}

// ---- stop -----------------------------------------------------------------------------------

async function stopMeetingLivestream(ctx: CommandContext, arg: unknown): Promise<void> {
  const title = l10n.t('RealtimeKit: Stop Meeting Livestream');
  const target = await resolveLivestream(ctx, arg, title, (l) => l.meetingId !== null);
  const store = ctx.connection.store;
  if (!target || !store) return;
  const { livestream, ref } = target;
  const meetingId = livestream.meetingId;
  if (!meetingId) {
    void vscode.window.showWarningMessage(
      l10n.t({
        message: '“{0}” was not started from a meeting: stop it in your encoder (an independent livestream ends when its input stops).',
        args: [livestream.name],
        comment: ['{0} is the name of a livestream'],
      }),
    );
    return;
  }
  // The tree may be a poll behind: ask what is in progress now, and stop exactly that.
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: l10n.t('Checking the meeting…') }, () => store.meetings.loadActive(ref.appId, meetingId));
  const active = store.meetings.active(ref.appId, meetingId);
  if (active.error) {
    reportError(ctx, `Couldn't check meeting ${meetingId}`, active.error);
    return;
  }
  if (!active.value) {
    void vscode.window.showInformationMessage(l10n.t({ message: 'Meeting {0} is not livestreaming now: there is nothing to stop.', args: [meetingId], comment: ['{0} is a meeting ID'] }));
    void store.loadLivestreams(ref.appId, { filter: ctx.filter.current, fresh: true });
    return;
  }
  const stop = l10n.t('Stop Livestream');
  const choice = await vscode.window.showWarningMessage(
    l10n.t({ message: 'Stop livestreaming meeting {0}?', args: [meetingId], comment: ['{0} is a meeting ID'] }),
    {
      modal: true,
      detail: l10n.t({
        message: '“{0}” ({1}) ends for every viewer. The meeting itself goes on; you can start livestreaming it again later, as a new livestream.',
        args: [active.value.name, presentStatus(active.value.status).label],
        comment: ['{0} is the name of a livestream, {1} its status, e.g. LIVE'],
      }),
    },
    stop,
  );
  if (choice !== stop) return;
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: l10n.t({ message: 'Stopping the livestream of meeting {0}…', args: [meetingId], comment: ['{0} is a meeting ID'] }) }, () =>
      store.meetings.stop(ref.appId, meetingId, ctx.filter.current),
    );
  } catch (err) {
    if (!(isApiError(err) && err.kind === 'timeout' && (await stoppedAnyway(ctx, store, ref, meetingId)))) {
      reportError(ctx, `Couldn't stop the livestream of meeting ${meetingId}`, err);
      return;
    }
  }
  ctx.logger.info(`Stopped livestream ${active.value.id} of meeting ${meetingId}.`);
  confirm(
    l10n.t({ message: 'Stopped livestreaming meeting {0} (“{1}”)', args: [meetingId, active.value.name], comment: ['{0} is a meeting ID, {1} the name of its livestream'] }),
  );
}

/** After a stop that got no answer: nothing in progress any more means it happened (and the list shows it). */
async function stoppedAnyway(ctx: CommandContext, store: LivestreamStore, ref: LivestreamRef, meetingId: string): Promise<boolean> {
  ctx.logger.warn(`Stopping the livestream of meeting ${meetingId} got no answer in time; checking whether it stopped.`);
  await Promise.all([store.meetings.loadActive(ref.appId, meetingId), store.loadLivestreams(ref.appId, { filter: ctx.filter.current, fresh: true })]);
  return store.meetings.active(ref.appId, meetingId).value === null;
}

// ---- a meeting session's livestream sessions --------------------------------------------------

/**
 * Meeting session IDs come from RealtimeKit's sessions API, its webhooks or its dashboard, not
 * from the livestream API: this is where someone with one ("what did yesterday's meeting
 * stream?") finds its livestream sessions. One is opened at once; several are offered.
 */
async function findMeetingSession(ctx: CommandContext, arg: unknown): Promise<void> {
  const title = l10n.t('RealtimeKit: Find Livestream Sessions of a Meeting Session');
  const app = await resolveApp(ctx, arg, title);
  const store = ctx.connection.store;
  if (!app || !store) return;
  const sessionId =
    sessionIdOf(arg) ??
    (
      await vscode.window.showInputBox({
        title,
        prompt: l10n.t({
          message: "ID of a meeting session in “{0}” (one occurrence of a meeting: from RealtimeKit's sessions API, a webhook or the dashboard)",
          args: [app.name],
          comment: ['{0} is the name of a RealtimeKit app'],
        }),
        placeHolder: l10n.t({ message: 'e.g. {0}', args: ['9b2d7a3c-1e4f-4a5b-8c6d-0123456789ab'], comment: ['{0} is an example ID'] }),
        ignoreFocusOut: true,
        validateInput: (v) => validateId(v, 'meeting session ID'),
      })
    )?.trim();
  if (!sessionId) return;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: l10n.t({ message: 'Reading meeting session {0}…', args: [sessionId], comment: ['{0} is a meeting session ID'] }) }, () =>
    store.meetings.loadSessionLivestreams(app.id, sessionId, MEETING_SESSION_PAGE),
  );
  const found = store.meetings.sessionLivestreams(app.id, sessionId, MEETING_SESSION_PAGE);
  if (found.error?.kind === 'notFound') {
    void vscode.window.showWarningMessage(
      l10n.t({
        message: 'There is no meeting session {0} in “{1}”. Check the ID, and that the meeting belongs to this app.',
        args: [sessionId, app.name],
        comment: ['{0} is a meeting session ID, {1} the name of a RealtimeKit app'],
      }),
    );
    return;
  }
  if (!found.value) {
    reportError(ctx, `Couldn't read meeting session ${sessionId}`, found.error);
    return;
  }
  const sessions = found.value.items;
  if (sessions.length === 0) {
    void vscode.window.showInformationMessage(
      l10n.t({ message: 'Meeting session {0} was not livestreamed: it has no livestream sessions.', args: [sessionId], comment: ['{0} is a meeting session ID'] }),
    );
    return;
  }
  const items = toQuickPickItems(livestreamSessionPickItems(sessions, (id) => store.find(id), Date.now()));
  const session =
    sessions.length === 1
      ? sessions[0]
      : (
          await vscode.window.showQuickPick(items, {
            title,
            placeHolder: l10n.t({
              message: '{0} livestream sessions of meeting session {1}: open one',
              args: [sessions.length, sessionId],
              comment: ['{0} is a number of sessions, always 2 or more; {1} is a meeting session ID'],
            }),
            matchOnDescription: true,
            matchOnDetail: true,
          })
        )?.payload;
  if (!session) return;
  if (!session.livestreamId) {
    void vscode.window.showWarningMessage(
      l10n.t({
        message: 'Livestream session {0} does not say which livestream it belongs to, so it cannot be opened.',
        args: [session.id],
        comment: ['{0} is a livestream session ID'],
      }),
    );
    return;
  }
  const livestream = store.find(session.livestreamId);
  ctx.panels.open({ accountId: store.accountId, appId: app.id, livestreamId: session.livestreamId }, livestream?.name, { session: session.id });
}
