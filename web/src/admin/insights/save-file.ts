/**
 * Hands a file the page fetched to the browser's downloads. The bridge's CSV
 * needs the admin's token, which a plain link cannot send, so the page
 * fetches it and saves it from memory.
 */
export function saveFile(file: Blob, name: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // A browser may read the file some time after the click (Firefox does): the memory is let go a minute later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
