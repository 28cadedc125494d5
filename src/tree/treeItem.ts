// A model description as a VS Code TreeItem: codicon and theme colour, untrusted Markdown tooltip,
// the sentence a screen reader says.
import * as vscode from 'vscode';
import type * as model from './model';

export function toTreeItem(id: string, description: model.ItemDescription): vscode.TreeItem {
  const item = new vscode.TreeItem(description.label, COLLAPSIBLE[description.collapsible]);
  item.id = id;
  if (description.description !== undefined) item.description = description.description;
  item.iconPath = description.icon.color
    ? new vscode.ThemeIcon(description.icon.id, new vscode.ThemeColor(description.icon.color))
    : new vscode.ThemeIcon(description.icon.id);
  item.contextValue = description.contextValue;
  if (description.accessibilityLabel !== undefined) item.accessibilityInformation = { label: description.accessibilityLabel };
  if (description.tooltip) {
    // Untrusted, no HTML, no command links: API text in it is escaped by the model as well.
    const tooltip = new vscode.MarkdownString(description.tooltip);
    tooltip.supportThemeIcons = true;
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    item.tooltip = tooltip;
  }
  return item;
}

const COLLAPSIBLE: Record<model.Collapsible, vscode.TreeItemCollapsibleState> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};
