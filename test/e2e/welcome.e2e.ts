// A fresh profile (new browser context = no token in SecretStorage) shows the welcome content.
import * as assert from 'node:assert/strict';
import { catchExternalUrl, openRealtimeKitView, screenshot, step, useWorkbench, waitForText, welcomeContent } from './harness';

describe('welcome (signed out)', () => {
  const wb = useWorkbench();

  it('shows the RealtimeKit container with the welcome content and a Set API Token button', async () => {
    const page = wb.page;
    await openRealtimeKitView(page);
    const welcome = welcomeContent(page);
    await step('welcome content is shown', async () => {
      await welcome.getByRole('button', { name: 'Set API Token' }).waitFor();
      await waitForText(welcome, 'Connect to Cloudflare RealtimeKit');
    });
    await screenshot(page, 'welcome--signed-out');
  });

  it('opens the token docs link outside the editor (answered locally)', async () => {
    const page = wb.page;
    const url = await catchExternalUrl(page, () => welcomeContent(page).getByRole('button', { name: 'Create a token' }).click());
    assert.match(url, /^https:\/\/dash\.cloudflare\.com\//);
  });
});
