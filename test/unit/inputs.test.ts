// What the create and meeting commands ask for, checked without VS Code: validation, the
// arguments that stand in for the prompts, and the pick of a meeting session's livestream sessions.
import assert from 'node:assert/strict';
import { defaultName, livestreamSessionPickItems, RESOLUTIONS, sessionIdOf, startArgsOf, validateId, validateLivestreamName } from '../../src/commands/inputs';
import { HOUR, livestream, LIVESTREAM_ID, MINUTE, NOW, session } from './builders';

const MEETING = '4f5c0f5e-0a1b-4c2d-9e8f-123456789abc';

describe('command inputs', () => {
  it('meeting and meeting session IDs: what RealtimeKit ids look like, nothing that changes a path', () => {
    assert.equal(validateId(` ${MEETING} `, 'meeting ID'), undefined);
    assert.equal(validateId('', 'meeting ID'), 'Paste the meeting ID.');
    assert.equal(validateId('a/b', 'meeting session ID'), 'A meeting session ID has only letters, digits, - and _ (at most 64), like 4f5c0f5e-0a1b-4c2d-9e8f-123456789abc.');
    assert.ok(validateId('x'.repeat(65), 'meeting ID'));
    assert.equal(validateLivestreamName('  '), 'Give the livestream a name.');
    assert.equal(validateLivestreamName('x'.repeat(201)), 'At most 200 characters (this is 201).');
  });

  it('the two resolutions RealtimeKit livestreams a meeting in, 720p first', () => {
    assert.deepEqual(RESOLUTIONS.map((r) => [r.id, r.videoConfig]), [
      ['1280x720', { width: 1280, height: 720 }],
      ['1920x1080', { width: 1920, height: 1080 }],
    ]);
  });

  it('arguments stand in for the prompts; invalid parts are asked for instead', () => {
    assert.deepEqual(startArgsOf({ appId: 'app-1', meetingId: MEETING, name: ' Town Hall ', resolution: '1920x1080' }), { appId: 'app-1', meetingId: MEETING, name: 'Town Hall', resolution: '1920x1080' });
    assert.deepEqual(startArgsOf({ meetingId: '../x', name: '', resolution: '4k' }), {});
    assert.deepEqual(startArgsOf('app-1'), {});
    assert.equal(sessionIdOf({ appId: 'app-1', sessionId: MEETING }), MEETING);
    assert.equal(sessionIdOf({ sessionId: 'a b' }), undefined);
  });

  it('a new meeting livestream is named like the last one, or after the meeting', () => {
    assert.equal(defaultName(livestream({ name: 'Town Hall' }), MEETING), 'Town Hall');
    assert.equal(defaultName(livestream({ name: 'ls-9', unnamed: true }), MEETING), 'Meeting 4f5c0f5e');
    assert.equal(defaultName(undefined, MEETING), 'Meeting 4f5c0f5e');
  });

  it("a meeting session's livestream sessions: when, how long, which livestream, its error or its stats", () => {
    const finished = session(2 * HOUR, 2700, { viewerSeconds: 648_000 });
    const errored = session(5 * HOUR, 60, { errMessage: 'Input stream ended unexpectedly: no keyframe for 30s' });
    const running = session(10 * MINUTE, 0, { stoppedTime: null, ingestSeconds: 590 });
    const items = livestreamSessionPickItems([running, finished, errored], (id) => (id === LIVESTREAM_ID ? livestream({ id, name: 'Company Town Hall' }) : undefined), NOW);
    assert.deepEqual(
      items.map((i) => [i.label, i.description, i.detail]),
      [
        ['$(broadcast) 2026-11-28 11:50 · 10m so far', 'Company Town Hall', `Ingest 9m 50s · viewer time 0s · session ${running.id}`],
        ['$(history) 2026-11-28 10:00 · 45m', 'Company Town Hall', `Ingest 45m · viewer time 7d 12h · session ${finished.id}`],
        ['$(error) 2026-11-28 07:00 · 1m', 'Company Town Hall', 'Input stream ended unexpectedly: no keyframe for 30s'],
      ],
    );
    assert.equal(items[1].payload, finished);
  });
});
