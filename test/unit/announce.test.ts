// The panel's live region: "Product Launch is LIVE" once per status change, nothing on the first
// view or on a re-render with the same status. Views come from the real view model.
import assert from 'node:assert/strict';
import { shownStatus, statusAnnouncement } from '../../src/webview/announce';
import { buildView, type ViewInput } from '../../src/panel/viewModel';
import type { PanelView } from '../../src/contract/livestreamPanel';
import { ACCOUNT_ID, APP_ID, EMPTY, LIVESTREAM_ID, NOW, details, livestream, loaded } from './builders';

function view(status: string, over: Partial<ViewInput> = {}): PanelView {
  const l = livestream({ id: LIVESTREAM_ID, name: 'Product Launch', status });
  return buildView({
    ref: { accountId: ACCOUNT_ID, appId: APP_ID, livestreamId: LIVESTREAM_ID },
    page: { pageNo: 1, perPage: 10 },
    details: loaded(details(l, [])),
    analytics: EMPTY,
    notice: null,
    autoRefresh: false,
    now: NOW,
    ...over,
  });
}

describe('panel status announcements', () => {
  it('says nothing for the first status shown', () => {
    assert.equal(statusAnnouncement(undefined, view('LIVE')), undefined);
  });

  it('says the new status once it changes, in words for INVOKED', () => {
    assert.equal(statusAnnouncement(shownStatus(view('IDLE')), view('LIVE')), 'Product Launch is LIVE');
    assert.equal(statusAnnouncement(shownStatus(view('LIVE')), view('ERRORED')), 'Product Launch is ERRORED');
    assert.equal(statusAnnouncement(shownStatus(view('IDLE')), view('INVOKED')), 'Product Launch is starting: the encoder is connecting');
  });

  it('says nothing when a view re-renders with the same status', () => {
    assert.equal(statusAnnouncement(shownStatus(view('LIVE')), view('LIVE')), undefined);
  });

  it('knows a status by what it is, not by its label: the same status in another language is no news', () => {
    const live = view('LIVE');
    const before = shownStatus(live);
    const relabelled: PanelView = { ...live, details: { ...live.details!, header: { ...live.details!.header, status: { ...live.details!.header.status, label: 'ĿĪṼḖḖ' } } } };
    assert.equal(statusAnnouncement(before, relabelled), undefined);
    // Unknown statuses are the API's own words: two of them are two statuses.
    assert.equal(statusAnnouncement(shownStatus(view('OFFLINE')), view('PAUSED')), 'Product Launch is PAUSED');
  });

  it('says nothing for a view without a status (loading, a notice), nor for another livestream', () => {
    assert.equal(statusAnnouncement(shownStatus(view('IDLE')), view('LIVE', { details: EMPTY })), undefined);
    assert.equal(shownStatus(view('LIVE', { details: EMPTY })), undefined);
    assert.equal(statusAnnouncement({ livestreamId: 'another', status: 'idle' }, view('LIVE')), undefined);
  });
});
