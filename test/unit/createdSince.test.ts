import assert from 'node:assert/strict';
import { createdSince } from '../../src/store/store';
import { iso, livestream, MINUTE, NOW } from './builders';

describe('create: after a POST that timed out', () => {
  const started = NOW - MINUTE;

  it('finds the livestream of that name created since the POST (allowing for clock skew), the newest first', () => {
    const older = livestream({ name: 'Town Hall', createdAt: iso(10 * MINUTE) });
    const skewed = livestream({ name: 'Town Hall', createdAt: iso(2 * MINUTE) });
    const newest = livestream({ name: 'Town Hall', createdAt: iso(10_000) });
    const other = livestream({ name: 'Town Hall 2', createdAt: iso(1000) });
    assert.equal(createdSince([older, skewed, newest, other], 'Town Hall', started)?.id, newest.id);
    assert.equal(createdSince([older, skewed], 'Town Hall', started)?.id, skewed.id, 'two minutes of clock skew still count');
  });

  it('finds nothing when no such livestream appeared: the user is told it may exist, not invited to create a duplicate blindly', () => {
    assert.equal(createdSince([livestream({ name: 'Town Hall', createdAt: iso(60 * MINUTE) })], 'Town Hall', started), undefined);
    assert.equal(createdSince([livestream({ name: 'Town Hall', createdAt: null })], 'Town Hall', started), undefined);
    assert.equal(createdSince([], 'Town Hall', started), undefined);
  });
});
