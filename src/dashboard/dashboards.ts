// The app dashboards as the rest of the extension sees them: the serializer registered at
// activation, open/refresh/find for the commands and tests. The dashboard itself (manager,
// controller, view model) is a bundle of its own, dist/dashboardManager.js, loaded the first time
// a dashboard opens or comes back after a reload: most windows never open one, and the extension
// bundle stays small (esbuild.js). The compiled tests find out/src/dashboard/dashboardManager.js
// the same way.
import * as vscode from 'vscode';
import { DASHBOARD_VIEW_TYPE } from '../contract/appDashboard';
import type { AppRef } from '../shared/ref';
import type * as DashboardManagerModule from './dashboardManager';
import type { AppDashboardManager, DashboardHost, OpenDashboard } from './dashboardManager';

function dashboardManagerModule(): typeof DashboardManagerModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./dashboardManager') as typeof DashboardManagerModule;
}

export class AppDashboards implements vscode.Disposable {
  private manager: AppDashboardManager | undefined;

  constructor(private readonly host: DashboardHost) {}

  private get loaded(): AppDashboardManager {
    this.manager ??= new (dashboardManagerModule().AppDashboardManager)(this.host);
    return this.manager;
  }

  /** Registers the WebviewPanelSerializer for `realtimekit.appDashboard` (the dashboard loads when one comes back). */
  register(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => this.restore(panel, state),
    });
  }

  open(ref: AppRef, name?: string): void {
    this.loaded.open(ref, name);
  }

  /** The serializer's work, public for tests. */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    this.loaded.restore(panel, state);
  }

  find(ref: AppRef): OpenDashboard | undefined {
    return this.manager?.find(ref);
  }

  get openDashboards(): readonly OpenDashboard[] {
    return this.manager?.openDashboards ?? [];
  }

  async refreshAll(): Promise<void> {
    await this.manager?.refreshAll();
  }

  dispose(): void {
    this.manager?.dispose();
  }
}
