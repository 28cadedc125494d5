// What a screen reader says for each tree row: sentences in words (no capitals, dots, emoji or
// unit abbreviations), starting with the row's label, built without VS Code.
import assert from 'node:assert/strict';
import { appSentence, errorSentence, livestreamSentence, loadMoreSentence } from '../../src/tree/accessibility';
import { appChildren, rootChildren } from '../../src/tree/children';
import { appItem, livestreamItem, type ChildDescription } from '../../src/tree/model';
import { formatRelativeTime } from '../../src/shared/format';
import type { App } from '../../src/api/types';
import type { LivestreamList } from '../../src/store/store';
import { app, DAY, EMPTY, failed, HOUR, iso, list, livestream, loaded, MINUTE, NOW } from './builders';

const spokenOf = (c: ChildDescription): string | undefined => (c.kind === 'message' || c.kind === 'loadMore' ? c.item.accessibilityLabel : undefined);

describe('tree accessibility', () => {
  describe('livestreams', () => {
    it('reads as a sentence: name, status in words, when', () => {
      assert.equal(livestreamSentence(livestream({ name: 'Keynote', status: 'LIVE', updatedAt: iso(4 * MINUTE) }), NOW), 'Keynote, live, started 4 minutes ago');
      assert.equal(livestreamSentence(livestream({ name: 'Town Hall', status: 'IDLE', updatedAt: iso(2 * DAY) }), NOW), 'Town Hall, idle, updated 2 days ago');
      assert.equal(livestreamSentence(livestream({ name: 'Webinar', status: 'ERRORED', updatedAt: iso(HOUR) }), NOW), 'Webinar, errored, updated 1 hour ago');
      assert.equal(
        livestreamSentence(livestream({ name: 'Q&A', status: 'INVOKED', updatedAt: iso(10_000) }), NOW),
        'Q&A, starting, the encoder is connecting, updated just now',
      );
      assert.equal(livestreamSentence(livestream({ name: 'Old', status: 'OFFLINE', updatedAt: iso(3 * HOUR) }), NOW), 'Old, status OFFLINE, updated 3 hours ago');
    });

    it('says disabled, the creation time when never updated, nothing when no time is known', () => {
      assert.equal(livestreamSentence(livestream({ name: 'Off', disabled: true, updatedAt: null, createdAt: iso(DAY) }), NOW), 'Off, idle, disabled, created 1 day ago');
      assert.equal(livestreamSentence(livestream({ name: 'Timeless', updatedAt: null, createdAt: null }), NOW), 'Timeless, idle');
    });

    it('says the watch and until when', () => {
      const until = Date.parse('2026-11-28T12:15:00Z');
      assert.equal(
        livestreamSentence(livestream({ name: 'Keynote', status: 'IDLE', updatedAt: iso(MINUTE) }), NOW, until),
        'Keynote, idle, updated 1 minute ago, watching for status changes until 12:15 UTC',
      );
    });

    it('names an unnamed livestream as such, with its id', () => {
      assert.equal(
        livestreamSentence(livestream({ id: 'abc-123', name: 'abc-123', unnamed: true, updatedAt: iso(5 * MINUTE) }), NOW),
        'unnamed livestream abc-123, idle, updated 5 minutes ago',
      );
    });

    it('is the item the tree shows', () => {
      const item = livestreamItem(livestream({ name: 'Keynote', status: 'LIVE', updatedAt: iso(4 * MINUTE) }), NOW, { until: Date.parse('2026-11-28T12:15:00Z') });
      assert.equal(item.accessibilityLabel, 'Keynote, live, started 4 minutes ago, watching for status changes until 12:15 UTC');
    });
  });

  describe('apps', () => {
    const production: App = app('app-1', 'Production');

    it('says how many livestreams and how many are live', () => {
      const items = [livestream({ status: 'LIVE' }), livestream({ status: 'LIVE' }), livestream()];
      assert.equal(appSentence(production, loaded(list(items)), undefined), 'Production, app, 3 livestreams, 2 live');
      assert.equal(appSentence(production, loaded(list([livestream()])), undefined), 'Production, app, 1 livestream, none live');
      assert.equal(appSentence(production, loaded(list([])), undefined), 'Production, app, no livestreams');
    });

    it('says when only some livestreams are loaded', () => {
      assert.equal(appSentence(production, loaded(list([livestream({ status: 'LIVE' }), livestream()], 260)), undefined), 'Production, app, 260 livestreams, 1 live of the 2 loaded');
      assert.equal(appSentence(production, loaded(list([livestream()], 30)), undefined), 'Production, app, 30 livestreams, none live of the 1 loaded');
    });

    it('says the filter, loading and failure', () => {
      assert.equal(appSentence(production, loaded(list([livestream({ status: 'LIVE' })], 4)), 'LIVE'), 'Production, app, 4 live livestreams, filtered by status');
      assert.equal(appSentence(production, loaded(list([livestream({ status: 'INVOKED' })], 1)), 'INVOKED'), 'Production, app, 1 starting livestream, filtered by status');
      assert.equal(appSentence(production, { ...EMPTY, loading: true }, undefined), 'Production, app, loading its livestreams');
      assert.equal(appSentence(production, failed<LivestreamList>('server', 'boom'), undefined), "Production, app, couldn't load its livestreams");
      assert.equal(appSentence(production, EMPTY, undefined), 'Production, app');
    });

    it('is the item the tree shows', () => {
      assert.equal(appItem(production, loaded(list([livestream({ status: 'LIVE' })], 1)), undefined, false).accessibilityLabel, 'Production, app, 1 livestream, 1 live');
    });
  });

  describe('rows that stand in for livestreams', () => {
    it('Load more says what it loads and how many are shown', () => {
      assert.equal(loadMoreSentence(list([livestream(), livestream()], 7), false), 'Load more livestreams, 2 of 7 shown');
      assert.equal(loadMoreSentence(list([livestream(), livestream()], 7), true), 'Loading more livestreams, 2 of 7 shown');
      const children = appChildren('app-1', loaded(list([livestream()], 3)), undefined);
      assert.equal(spokenOf(children[children.length - 1]), 'Load more livestreams, 1 of 3 shown');
    });

    it('an error says how to retry without "click"', () => {
      assert.equal(errorSentence('Couldn\'t load apps: server error (500)', false), "Couldn't load apps: server error (500); press Enter to retry");
      const root = rootChildren(failed<readonly App[]>('network', "Couldn't reach the API."));
      assert.equal(spokenOf(root[0]), "Couldn't load apps: the API is unreachable; press Enter to retry");
      const stale = appChildren('app-1', { ...loaded(list([livestream()])), error: failed<LivestreamList>('server', 'The API had a problem (500).').error }, undefined);
      assert.match(spokenOf(stale[0]) ?? '', /^Couldn't refresh livestreams: .*, showing what was loaded before; press Enter to retry$/);
    });

    it('loading and empty rows read without an ellipsis, with the action they offer', () => {
      assert.equal(spokenOf(appChildren('app-1', { ...EMPTY, loading: true }, undefined)[0]), 'Loading livestreams');
      assert.equal(spokenOf(appChildren('app-1', loaded(list([])), undefined)[0]), 'No livestreams yet; press Enter to create one');
      // A filtered empty app offers nothing: its label says it all.
      assert.equal(spokenOf(appChildren('app-1', loaded(list([])), 'LIVE')[0]), undefined);
    });
  });

  describe('spoken relative times', () => {
    it('spells the units out, and only in the spoken style', () => {
      const at = (ms: number, style?: 'short' | 'spoken') => formatRelativeTime(iso(ms), NOW, style);
      assert.equal(at(MINUTE, 'spoken'), '1 minute ago');
      assert.equal(at(2 * HOUR, 'spoken'), '2 hours ago');
      assert.equal(at(-4 * MINUTE, 'spoken'), 'in 4 minutes');
      assert.equal(at(30_000, 'spoken'), 'just now');
      assert.equal(at(2 * MINUTE), '2 min ago');
      assert.equal(at(HOUR), '1 h ago');
    });
  });
});
