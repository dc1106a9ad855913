import type { Page } from 'playwright-core';

/**
 * Text a clipping box cuts through: a line whose glyphs' room (the font's
 * ascent to descent, what a range's rectangle spans) crosses the edge of the
 * nearest box that hides its overflow, so descenders (g, p, y) or accents
 * lose their ends. A line wholly hidden (a clamp's third line) is no cut, nor
 * is a row half scrolled out of a list that scrolls or fades out (a mask).
 */
export function cutGlyphs(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cut: string[] = [];
    const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      if (!node.textContent?.trim()) continue;
      let clip = node.parentElement;
      while (clip && clip !== document.body && !['hidden', 'clip'].includes(getComputedStyle(clip).overflowY)) clip = clip.parentElement;
      if (!clip || clip === document.body || getComputedStyle(clip).maskImage !== 'none') continue;
      const box = clip.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(node);
      const crossed = [...range.getClientRects()].find(
        (line) => (line.top < box.bottom - 0.5 && line.bottom > box.bottom + 0.5) || (line.bottom > box.top + 0.5 && line.top < box.top - 0.5),
      );
      if (crossed) cut.push(`${clip.tagName.toLowerCase()}.${clip.className} "${node.textContent.trim().slice(0, 24)}"`);
    }
    return cut;
  });
}
