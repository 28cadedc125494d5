import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { marked, type Token } from 'marked';
import { ApiError } from '../../src/api/errors';
import type { App, Livestream } from '../../src/api/types';
import {
  appDescription,
  appItem,
  capabilities,
  escapeMarkdown,
  livestreamContextValue,
  livestreamDescription,
  livestreamItem,
  livestreamTooltip,
  sortNewestFirst,
  statusIcon,
  viewBadge,
  viewDescription,
  viewMessage,
  type ChildDescription,
} from '../../src/tree/model';
import { appChildren, errorLabel, rootChildren } from '../../src/tree/children';
import type { LivestreamList } from '../../src/store/store';
import { app, DAY, EMPTY, failed, HOUR, iso, KEY, list, livestream, loaded, MINUTE, NOW, SERVER } from './builders';

interface MenuEntry {
  command: string;
  when: string;
  group: string;
}

/**
 * The commands package.json's view/item/context menu offers for a contextValue, in menu order.
 * Evaluates the two forms our `when` clauses use: `viewItem =~ /re/` and `viewItem == value`.
 */
function menuCommandsFor(contextValue: string, inline: boolean, contextKeys: ReadonlySet<string> = new Set()): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
    contributes: { menus: Record<string, MenuEntry[]> };
  };
  const entries = pkg.contributes.menus['view/item/context'].filter((e) => e.group.startsWith('inline') === inline);
  const matches = (clause: string): boolean => {
    assert.match(clause, /^view == realtimekit\.livestreams && /);
    // A trailing context key (`&& realtimekit.testPatternRunning`) holds only when given.
    const key = / && (realtimekit\.\w+)$/.exec(clause);
    if (key && !contextKeys.has(key[1])) return false;
    const when = key ? clause.slice(0, key.index) : clause;
    const re = /viewItem =~ \/(.+)\/$/.exec(when);
    if (re) return new RegExp(re[1]).test(contextValue);
    const eq = /viewItem == (\S+)$/.exec(when);
    assert.ok(eq, `unexpected when clause: ${when}`);
    return eq[1] === contextValue;
  };
  const order = (g: string) => {
    const [name, n] = g.split('@');
    return [name, Number(n)] as const;
  };
  return entries
    .filter((e) => matches(e.when))
    .sort((a, b) => {
      const [ga, na] = order(a.group);
      const [gb, nb] = order(b.group);
      return ga.localeCompare(gb) || na - nb;
    })
    .map((e) => e.command);
}

function labels(children: ChildDescription[]): string[] {
  return children.map((c) => (c.kind === 'app' ? `app:${c.app.name}` : c.kind === 'livestream' ? `ls:${c.livestream.name}` : `${c.kind}:${c.item.label}`));
}

describe('tree model', () => {
  describe('status icons', () => {
    it('LIVE red, ERRORED the error colour, INVOKED spinning yellow, IDLE quiet, unknown plain', () => {
      assert.deepEqual(statusIcon('LIVE'), { id: 'broadcast', color: 'charts.red' });
      assert.deepEqual(statusIcon('ERRORED'), { id: 'error', color: 'errorForeground' });
      assert.deepEqual(statusIcon('INVOKED'), { id: 'loading~spin', color: 'charts.yellow' });
      assert.deepEqual(statusIcon('IDLE'), { id: 'circle-outline', color: 'disabledForeground' });
      assert.deepEqual(statusIcon('OFFLINE'), { id: 'question' });
    });
  });

  describe('livestream nodes', () => {
    it('encodes status and available credentials in contextValue', () => {
      assert.equal(livestreamContextValue(livestream({ status: 'LIVE' })), 'livestream:live:hasKey:hasIngest:hasRtmp:hasPlayback');
      assert.equal(
        livestreamContextValue(livestream({ status: 'INVOKED', streamKey: null, ingestServer: null, playbackUrl: null })),
        'livestream:invoked',
      );
      assert.equal(livestreamContextValue(livestream({ status: 'IDLE', streamKey: null })), 'livestream:idle:hasIngest:hasPlayback');
      assert.equal(livestreamContextValue(livestream({ status: 'OFFLINE', disabled: true, playbackUrl: null })), 'livestream:other:disabled:hasKey:hasIngest:hasRtmp');
    });

    it('drives the menus of package.json: each action only where its value exists', () => {
      const offered = (contextValue: string, inline: boolean) => menuCommandsFor(contextValue, inline);
      const full = livestreamContextValue(livestream({ status: 'LIVE' }));
      assert.deepEqual(offered(full, false), [
        'realtimekit.openLivestream',
        'realtimekit.openPlaybackUrl',
        'realtimekit.previewPlayback',
        'realtimekit.copyIngestServer',
        'realtimekit.copyStreamKey',
        'realtimekit.copyRtmpUrl',
        'realtimekit.copyFfmpegCommand',
        'realtimekit.watchLivestream',
        'realtimekit.streamTestPattern',
        'realtimekit.sendToObs',
        'realtimekit.copyPlaybackUrl',
        'realtimekit.copyLivestreamId',
        'realtimekit.refresh',
      ]);
      assert.deepEqual(offered(full, true), [
        'realtimekit.copyIngestServer',
        'realtimekit.copyStreamKey',
        'realtimekit.copyPlaybackUrl',
        'realtimekit.openPlaybackUrl',
      ]);
      // Unprovisioned (INVOKED meeting livestream): nothing to copy but the id.
      const bare = livestreamContextValue(livestream({ status: 'INVOKED', streamKey: null, ingestServer: null, playbackUrl: null }));
      assert.deepEqual(offered(bare, false), ['realtimekit.openLivestream', 'realtimekit.watchLivestream', 'realtimekit.copyLivestreamId', 'realtimekit.refresh']);
      // Watched: Stop Watching instead of Watch Until Live; a running test pattern can be stopped.
      const watched = livestreamContextValue(livestream({ status: 'IDLE' }), { until: NOW });
      assert.ok(watched.endsWith(':watched'));
      const whileStreaming = menuCommandsFor(watched, false, new Set(['realtimekit.testPatternRunning']));
      assert.ok(whileStreaming.includes('realtimekit.stopWatching') && !whileStreaming.includes('realtimekit.watchLivestream'));
      assert.ok(whileStreaming.includes('realtimekit.stopTestPattern'));
      assert.deepEqual(offered(bare, true), []);
      // A key without a server: the key, but no RTMP URL or ffmpeg command.
      const keyOnly = offered(livestreamContextValue(livestream({ ingestServer: null, playbackUrl: null })), false);
      assert.ok(keyOnly.includes('realtimekit.copyStreamKey'));
      assert.ok(!keyOnly.includes('realtimekit.copyRtmpUrl') && !keyOnly.includes('realtimekit.copyFfmpegCommand'));
      assert.deepEqual(offered('app', true), ['realtimekit.createLivestream', 'realtimekit.openAppDashboard']);
      assert.deepEqual(offered('app', false), [
        'realtimekit.createLivestream',
        'realtimekit.startMeetingLivestream',
        'realtimekit.openAppDashboard',
        'realtimekit.findMeetingSession',
        'realtimekit.refresh',
      ]);
      assert.deepEqual(offered('error', true), ['realtimekit.retry']);
      // Not started from a meeting: none of the meeting's commands.
      assert.ok(!offered(full, false).some((c) => /Meeting/.test(c)));
    });

    it("drives the meeting commands of package.json: stop while LIVE or INVOKED, start again once it is not", () => {
      const meeting = (status: string, over: Partial<Livestream> = {}) => livestreamContextValue(livestream({ status, meetingId: 'meet-9', ...over }));
      assert.equal(meeting('LIVE'), 'livestream:live:hasKey:hasIngest:hasRtmp:hasPlayback:meeting');
      assert.equal(livestreamContextValue(livestream({ status: 'LIVE', meetingId: 'meet-9' }), { until: NOW }), 'livestream:live:hasKey:hasIngest:hasRtmp:hasPlayback:meeting:watched');
      const meetingCommands = (contextValue: string) => menuCommandsFor(contextValue, false).filter((c) => /Meeting/.test(c));
      for (const status of ['LIVE', 'INVOKED']) {
        assert.deepEqual(meetingCommands(meeting(status)), ['realtimekit.copyMeetingId', 'realtimekit.stopMeetingLivestream', 'realtimekit.findMeetingSession'], status);
      }
      for (const status of ['IDLE', 'ERRORED', 'OFFLINE']) {
        assert.deepEqual(meetingCommands(meeting(status)), ['realtimekit.copyMeetingId', 'realtimekit.startMeetingLivestream', 'realtimekit.findMeetingSession'], status);
      }
      // Unprovisioned (the seed's INVOKED Q&A): the meeting's commands still apply, nothing else to copy.
      const bare = meeting('INVOKED', { streamKey: null, ingestServer: null, playbackUrl: null });
      assert.equal(bare, 'livestream:invoked:meeting');
      assert.deepEqual(menuCommandsFor(bare, false), [
        'realtimekit.openLivestream',
        'realtimekit.watchLivestream',
        'realtimekit.copyLivestreamId',
        'realtimekit.copyMeetingId',
        'realtimekit.stopMeetingLivestream',
        'realtimekit.findMeetingSession',
        'realtimekit.refresh',
      ]);
      assert.deepEqual(menuCommandsFor(bare, true), []);
    });

    it('capabilities need both server and key for RTMP', () => {
      assert.deepEqual(capabilities(livestream({ streamKey: null })), { hasKey: false, hasIngest: true, hasRtmp: false, hasPlayback: true });
      assert.deepEqual(capabilities(livestream({ ingestServer: '' })), { hasKey: true, hasIngest: false, hasRtmp: false, hasPlayback: true });
    });

    it('describes status and relative time of the last update', () => {
      assert.equal(livestreamDescription(livestream({ status: 'LIVE', updatedAt: iso(5 * MINUTE) }), NOW), 'LIVE · 5 min ago');
      assert.equal(livestreamDescription(livestream({ status: 'IDLE', disabled: true, updatedAt: iso(3 * DAY) }), NOW), 'IDLE · disabled · 3 days ago');
      assert.equal(livestreamDescription(livestream({ status: 'OFFLINE', updatedAt: null, createdAt: iso(2 * HOUR) }), NOW), 'OFFLINE · 2 h ago');
      assert.equal(livestreamDescription(livestream({ status: 'ERRORED', updatedAt: null, createdAt: null }), NOW), 'ERRORED');
      assert.equal(livestreamDescription(livestream({ status: 'LIVE', meetingId: 'meet-9', updatedAt: iso(5 * MINUTE) }), NOW, { until: NOW }), 'LIVE · meeting · 👁 watching · 5 min ago');
    });

    it('tooltip shows id, meeting, times and ingest server but never the stream key', () => {
      const l = livestream({ id: 'abc-123', status: 'LIVE', meetingId: 'meet-9', streamKey: KEY, createdAt: iso(2 * DAY), updatedAt: iso(10 * MINUTE) });
      const tip = livestreamTooltip(l, NOW);
      assert.ok(tip.includes('`abc-123`'), tip);
      assert.ok(tip.includes('Meeting: `meet-9`'), tip);
      assert.ok(tip.includes(`Ingest server: \`${SERVER}\``), tip);
      assert.ok(tip.includes('Created: 2026-11-26 12:00:00 UTC (2 days ago)'), tip);
      assert.ok(tip.includes('Updated: 2026-11-28 11:50:00 UTC (10 min ago)'), tip);
      assert.ok(!tip.includes(KEY), 'the stream key leaked into the tooltip');
      assert.ok(!tip.includes(KEY.slice(0, 10)), 'part of the stream key leaked into the tooltip');
      assert.ok(tip.includes('Stream key: available'), tip);
      assert.ok(livestreamTooltip(livestream({ meetingId: null }), NOW).includes('none (independent livestream)'));
    });

    it('escapes Markdown in names so a name cannot inject links or HTML', () => {
      const tip = livestreamTooltip(livestream({ name: '[click](http://x) <img src=x> *bold*' }), NOW);
      assert.ok(tip.startsWith('**\\[click\\]\\(http\\://x\\) \\<img src=x\\> \\*bold\\***'), tip);
      assert.equal(escapeMarkdown('a_b`c'), 'a\\_b\\`c');
    });

    it('every API string in a tooltip is inert text, whatever it holds (parsed as VS Code does, GFM)', () => {
      const hostile = 'x\n\n[link](https://evil.example/a) ![img](https://evil.example/i.png) <b>html</b> https://auto.example www.auto.example a@b.example\n\n# heading';
      const tip = livestreamTooltip(livestream({ name: hostile, ingestServer: `rtmps://live.example/\n\n${hostile}`, meetingId: hostile }), NOW);
      const kinds = new Set<string>();
      const walk = (tokens: readonly Token[]): void => {
        for (const t of tokens) {
          kinds.add(t.type);
          const nested = (t as { tokens?: Token[] }).tokens;
          if (nested) walk(nested);
        }
      };
      walk(marked.lexer(tip, { gfm: true }));
      for (const forbidden of ['link', 'image', 'html', 'heading']) {
        assert.ok(!kinds.has(forbidden), `the tooltip renders a ${forbidden}: ${[...kinds].join(', ')}\n${tip}`);
      }
    });

    it('builds the whole item: label, icon, label colour, contextValue', () => {
      const item = livestreamItem(livestream({ name: 'Keynote', status: 'LIVE', updatedAt: iso(MINUTE) }), NOW);
      assert.equal(item.label, 'Keynote');
      assert.equal(item.description, 'LIVE · 1 min ago');
      assert.deepEqual(item.icon, { id: 'broadcast', color: 'charts.red' });
      assert.equal(item.labelColor, 'charts.red');
      assert.equal(item.collapsible, 'none');
      assert.equal(livestreamItem(livestream({ status: 'IDLE' }), NOW).labelColor, undefined);
    });

    it('sorts newest first, stable, missing times last', () => {
      const a = livestream({ name: 'a', createdAt: iso(3 * DAY) });
      const b = livestream({ name: 'b', createdAt: iso(DAY) });
      const c = livestream({ name: 'c', createdAt: null });
      const d = livestream({ name: 'd', createdAt: iso(DAY) });
      assert.deepEqual(sortNewestFirst([a, c, b, d]).map((l) => l.name), ['b', 'd', 'a', 'c']);
    });
  });

  describe('apps', () => {
    it('shows the livestream count once known, with the LIVE count', () => {
      assert.equal(appDescription(EMPTY, undefined), undefined);
      assert.equal(appDescription({ ...EMPTY, loading: true }, undefined), 'loading…');
      assert.equal(appDescription(loaded(list([livestream()], 1)), undefined), '1 livestream');
      assert.equal(appDescription(loaded(list([livestream({ status: 'LIVE' }), livestream()], 30)), undefined), '1 LIVE · 30 livestreams');
      assert.equal(appDescription(loaded(list([livestream({ status: 'LIVE' })], 4)), 'LIVE'), '4 LIVE');
      assert.equal(appDescription(failed<LivestreamList>('server', 'boom'), undefined), "couldn't load");
    });

    it('expands the only app, collapses when there are several', () => {
      const a = app('app-1', 'Production');
      assert.equal(appItem(a, EMPTY, undefined, true).collapsible, 'expanded');
      const item = appItem(a, loaded(list([], 0)), undefined, false);
      assert.equal(item.collapsible, 'collapsed');
      assert.equal(item.contextValue, 'app');
      assert.equal(item.label, 'Production');
      assert.ok(item.tooltip?.includes('App ID: `app-1`'));
    });
  });

  describe('children', () => {
    const apps: App[] = [app('app-1', 'Production'), app('app-2', 'Staging')];

    it('root: apps, an error node in place, or an empty message', () => {
      assert.deepEqual(labels(rootChildren(loaded(apps))), ['app:Production', 'app:Staging']);
      assert.deepEqual(labels(rootChildren(EMPTY)), []);
      const error = rootChildren(failed<readonly App[]>('network', "Couldn't reach the API. Check your connection."));
      assert.deepEqual(labels(error), ["message:Couldn't load apps: the API is unreachable"]);
      assert.equal(error[0].kind === 'message' && error[0].item.description, 'click to retry');
      assert.equal(error[0].kind === 'message' && error[0].action, 'retryApps');
      assert.equal(error[0].kind === 'message' && error[0].item.contextValue, 'error');
      assert.ok(error[0].kind === 'message' && error[0].item.tooltip?.startsWith("Couldn't reach the API\\. Check your connection\\."));
      assert.ok(error[0].kind === 'message' && error[0].item.tooltip?.includes('Click to retry'));
      assert.deepEqual(labels(rootChildren(loaded([]))), ['message:No RealtimeKit apps in this account']);
    });

    it('root: a failed refresh keeps the apps and says so on top', () => {
      const stale = { ...loaded<readonly App[]>(apps), error: new ApiError({ kind: 'server', status: 500, message: 'The API had a problem (500).' }) };
      assert.deepEqual(labels(rootChildren(stale)), ["message:Couldn't refresh apps: server error (500)", 'app:Production', 'app:Staging']);
    });

    it('app: newest first, then Load more while the total exceeds what is loaded', () => {
      const older = livestream({ name: 'older', createdAt: iso(5 * DAY) });
      const newer = livestream({ name: 'newer', createdAt: iso(DAY) });
      const children = appChildren('app-1', loaded(list([older, newer], 7)), undefined);
      assert.deepEqual(labels(children), ['ls:newer', 'ls:older', 'loadMore:Load more…']);
      const more = children[2];
      assert.ok(more.kind === 'loadMore');
      assert.equal(more.item.description, '2 of 7');
      assert.equal(more.item.contextValue, 'loadMore');
      assert.deepEqual(labels(appChildren('app-1', loaded(list([older, newer], 2)), undefined)), ['ls:newer', 'ls:older']);
    });

    it('app: shows that more is loading, but not during a background refresh', () => {
      const children = appChildren('app-1', loaded(list([livestream()], 3), { loading: true }), undefined, true);
      const last = children[children.length - 1];
      assert.ok(last.kind === 'loadMore');
      assert.equal(last.item.label, 'Loading more…');
      assert.equal(last.item.icon.id, 'loading~spin');
      const refreshing = appChildren('app-1', loaded(list([livestream()], 3), { loading: true }), undefined, false);
      const quiet = refreshing[refreshing.length - 1];
      assert.ok(quiet.kind === 'loadMore');
      assert.equal(quiet.item.label, 'Load more…');
    });

    it('app: an error appears as a node in place, with a retry action', () => {
      const children = appChildren('app-1', failed<LivestreamList>('permission', 'The token lacks the Realtime permission. Add it in the dashboard.'), undefined);
      assert.deepEqual(labels(children), ["message:Couldn't load livestreams: the token lacks the Realtime permission"]);
      assert.ok(children[0].kind === 'message');
      assert.equal(children[0].action, 'retryLivestreams');
      assert.equal(children[0].appId, 'app-1');
      assert.ok(children[0].item.tooltip?.includes('Add it in the dashboard'));
    });

    it('app: an empty app says so (and offers to create one); a filtered one names the filter', () => {
      const empty = appChildren('app-1', loaded(list([], 0)), undefined);
      assert.deepEqual(labels(empty), ['message:No livestreams yet']);
      assert.equal(empty[0].kind === 'message' && empty[0].action, 'createLivestream');
      const filtered = appChildren('app-1', loaded(list([], 0)), 'LIVE');
      assert.deepEqual(labels(filtered), ['message:No LIVE livestreams']);
      assert.equal(filtered[0].kind === 'message' && filtered[0].action, undefined);
    });

    it('message keys are unique per app (tree item ids)', () => {
      const err = failed<LivestreamList>('server', 'x');
      const keys = ['app-1', 'app-2'].map((id) => {
        const c = appChildren(id, err, undefined)[0];
        return c.kind === 'message' ? c.key : '';
      });
      assert.equal(new Set(keys).size, 2);
    });
  });

  describe('view', () => {
    it('badge counts LIVE, hidden at zero', () => {
      assert.equal(viewBadge(0), undefined);
      assert.deepEqual(viewBadge(1), { value: 1, tooltip: '1 livestream LIVE' });
      assert.deepEqual(viewBadge(3), { value: 3, tooltip: '3 livestreams LIVE' });
    });

    it('description and message name the active filter', () => {
      assert.equal(viewDescription(undefined), undefined);
      assert.equal(viewDescription('ERRORED'), 'ERRORED only');
      assert.equal(viewMessage(undefined), undefined);
      assert.equal(viewMessage('LIVE'), 'Showing only LIVE livestreams. Clear the filter (filled filter icon) to see all.');
    });

    it('error labels say the reason in a few words (the full message is the tooltip)', () => {
      const e = (kind: ApiError['kind'], status?: number, retryAfterSeconds?: number) => new ApiError({ kind, message: 'long text', status, retryAfterSeconds });
      assert.equal(errorLabel('livestreams', e('server', 502)), "Couldn't load livestreams: server error (502)");
      assert.equal(errorLabel('apps', e('network'), true), "Couldn't refresh apps: the API is unreachable");
      assert.equal(errorLabel('livestreams', e('permission', 403)), "Couldn't load livestreams: the token lacks the Realtime permission (403)");
    });
  });
});
