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
  const fit = () => {
    element.style.fontSize = '';
    const styled = parseFloat(getComputedStyle(element).fontSize);
    const parent = element.parentElement;
    let size = styled;
    const overflows = () => element.scrollWidth > element.clientWidth || (parent !== null && parent.scrollHeight > parent.clientHeight);
    while (overflows() && size > styled * SMALLEST) {
      size *= 0.92;
      element.style.fontSize = `${size}px`;
    }
  };
  fit();
  const observer = new ResizeObserver(fit);
  if (element.parentElement) observer.observe(element.parentElement);
  return () => observer.disconnect();
}
