/**
 * The Insights section's entry, loaded by InsightsPanel when an admin opens
 * it. Named `admin-*` like the admin page's own, so its chunk and stylesheet
 * are too, and the service worker leaves both out of a display's precache.
 */
export { default as InsightsSection } from './InsightsSection.svelte';
