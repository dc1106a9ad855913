/** The smallest a fitted text gets, as a share of its styled size: below it, overflowing is the lesser harm. */
const SMALLEST = 0.35;

/**
 * Shrinks an element's font until its text fits: no word wider than the
 * element (words are never broken inside), and no taller than its parent
 * allows. A status word is read from across the room, so it is as large as it
 * can be in every language, and whole. Call it again when the text changes;
 * it follows the element's size by itself. Returns the stop function.
 */
export function fitText(element: HTMLElement): () => void {
  const parent = element.parentElement;
  /** The parent's size the text was last fitted to: a resize that changes nothing (the observer's first call) fits nothing again. */
  let fittedTo = '';
  const parentSize = () => (parent ? `${parent.clientWidth}x${parent.clientHeight}` : '');
  const fit = () => {
    element.style.fontSize = '';
    const styled = parseFloat(getComputedStyle(element).fontSize);
    const smallest = styled * SMALLEST;
    const overflows = () => element.scrollWidth > element.clientWidth || (parent !== null && parent.scrollHeight > parent.clientHeight);
    // Each size tried costs a layout, many on a slow display. A word's width grows with its font size, so the widest
    // word's overflow gives the largest size that can fit at once; a sentence re-wrapping at a smaller size makes its
    // height no such rule, so the height is left to the steps below.
    const widthShare = element.scrollWidth > element.clientWidth ? element.clientWidth / element.scrollWidth : 1;
    let size = Math.max(smallest, styled * widthShare);
    if (size < styled) element.style.fontSize = `${size}px`;
    while (overflows() && size > smallest) {
      size *= 0.92;
      element.style.fontSize = `${size}px`;
    }
    fittedTo = parentSize();
  };
  fit();
  const observer = new ResizeObserver(() => {
    if (parentSize() !== fittedTo) fit();
  });
  if (parent) observer.observe(parent);
  return () => observer.disconnect();
}
