/** Whether a key press opens search: "/" (also where the layout puts another character on that key) or Ctrl/⌘+K. */
export function isSearchShortcut(event: KeyboardEvent): boolean {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && (event.key.toLowerCase() === 'k' || event.code === 'KeyK')) return true;
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  const target = event.target as HTMLElement | null;
  const typing = target?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
  return !typing && (event.key === '/' || (event.code === 'Slash' && !event.shiftKey));
}
