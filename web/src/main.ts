import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { isAdminPath, isBuildingPath } from './lib/route.ts';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

if (isAdminPath(location.pathname)) {
  // The admin page is its own chunk (MSAL, the Graph client): only this route downloads it.
  import('./admin/admin-page.ts')
    .then(({ mountAdmin }) => mountAdmin(target))
    .catch((error: unknown) => {
      console.error('Lintel could not load the admin page', error);
      target.textContent = 'The admin page could not be loaded from the bridge. Check the connection and reload.';
    });
} else if (isBuildingPath(location.pathname)) {
  // The building overview is its own chunk too: a room display never downloads it.
  import('./building/building-page.ts')
    .then(({ mountBuilding }) => mountBuilding(target))
    .catch((error: unknown) => {
      console.error('Lintel could not load the building overview', error);
      target.textContent = 'The building overview could not be loaded from the bridge. Check the connection and reload.';
    });
} else {
  mount(App, { target });
}
